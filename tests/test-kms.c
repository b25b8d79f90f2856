/* kms: the parts that need no display (a test never opens a device node): which
 * mode is taken, how frames are copied into a scan-out buffer of another pitch,
 * and when the dumb-buffer output is chosen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kms-private.h"
#include "kms.h"

static drmModeModeInfo mode(int w, int h, int refresh, uint32_t type)
{
	drmModeModeInfo m;

	memset(&m, 0, sizeof(m));
	m.hdisplay = (uint16_t)w;
	m.vdisplay = (uint16_t)h;
	m.vrefresh = (uint32_t)refresh;
	m.type = type;
	return m;
}

static void test_pick_mode(void **state)
{
	drmModeModeInfo modes[4] = {
		mode(3840, 2160, 30, 0),
		mode(1920, 1080, 60, DRM_MODE_TYPE_PREFERRED),
		mode(1280, 800, 60, 0),
		mode(1280, 720, 60, 0),
	};
	drmModeModeInfo console = modes[2], stranger = mode(1024, 768, 60, 0);

	(void)state;
	assert_int_equal(kms_pick_mode(modes, 4, NULL, 0, 0), 1);          /* preferred */
	assert_int_equal(kms_pick_mode(modes, 4, &console, 0, 0), 2);      /* what shows now */
	assert_int_equal(kms_pick_mode(modes, 4, &stranger, 0, 0), 1);     /* not offered */
	assert_int_equal(kms_pick_mode(modes, 4, &console, 1280, 720), 3); /* --size */
	assert_int_equal(kms_pick_mode(modes, 4, &console, 800, 480), 2);  /* not offered */
	assert_int_equal(kms_pick_mode(modes + 2, 2, NULL, 0, 0), 0);      /* none preferred */
	assert_int_equal(kms_pick_mode(modes, 0, NULL, 0, 0), -1);
}

/* A 5x3 frame of 4-byte pixels into a buffer whose rows are 32 bytes apart:
 * every row lands whole, the padding is left alone. */
static void test_copy_rows(void **state)
{
	uint8_t src[3 * 20], dst[3 * 32], same[3 * 20];

	(void)state;
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i + 1);
	memset(dst, 0xee, sizeof(dst));
	kms_copy_rows(dst, 32, src, 20, 20, 3);
	for (int y = 0; y < 3; y++) {
		assert_memory_equal(dst + y * 32, src + y * 20, 20);
		for (int x = 20; x < 32; x++)
			assert_int_equal(dst[y * 32 + x], 0xee);
	}
	kms_copy_rows(same, 20, src, 20, 20, 3);
	assert_memory_equal(same, src, sizeof(src));
}

static void test_wanted_only_for_software_on_kmsdrm(void **state)
{
	(void)state;
	setenv("SDL_VIDEODRIVER", "kmsdrm", 1);
	setenv("SDL_RENDER_DRIVER", "software", 1);
	assert_true(kms_wanted());
	setenv("SDL_RENDER_DRIVER", "opengles2", 1);
	assert_false(kms_wanted());
	unsetenv("SDL_RENDER_DRIVER");
	assert_false(kms_wanted());
	setenv("SDL_RENDER_DRIVER", "software", 1);
	setenv("SDL_VIDEODRIVER", "x11", 1);
	assert_false(kms_wanted());
	unsetenv("SDL_VIDEODRIVER");
	unsetenv("SDL_RENDER_DRIVER");
	assert_false(kms_wanted());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pick_mode),
		cmocka_unit_test(test_copy_rows),
		cmocka_unit_test(test_wanted_only_for_software_on_kmsdrm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
