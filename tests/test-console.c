/* Console muting: what can be checked without a VT (CI, containers): it must
 * recognise that there is none, change nothing and say so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "console.h"

struct seen {
	int count;
	char last[LOGGER_MAX_MESSAGE];
};

static void note(void *user, enum log_level level, const char *message)
{
	struct seen *s = user;

	(void)level;
	s->count++;
	snprintf(s->last, sizeof(s->last), "%s", message);
}

static void test_pty_is_not_a_vt(void **state)
{
	struct seen seen = { 0, "" };
	struct logger log = { note, &seen };
	struct console c;
	int pty = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);

	(void)state;
	if (pty < 0)
		skip();
	assert_int_equal(console_mute_fd(&c, pty, &log), 1);
	assert_false(c.muted);
	assert_false(c.graphics);
	assert_int_equal(c.fd, -1);
	assert_non_null(strstr(seen.last, "not on a virtual terminal"));
	console_restore(&c, &log);
	/* the descriptor is still the caller's */
	assert_true(fcntl(pty, F_GETFD) >= 0);
	close(pty);
}

static void test_pipe_and_closed_fd(void **state)
{
	struct console c;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(console_mute_fd(&c, fds[0], NULL), 1);
	close(fds[0]);
	close(fds[1]);
	assert_int_equal(console_mute_fd(&c, -1, NULL), 1);
	console_restore(&c, NULL);
	console_restore(&c, NULL);
	assert_int_equal(c.fd, -1);
}

static void test_mute_where_we_run(void **state)
{
	struct seen seen = { 0, "" };
	struct logger log = { note, &seen };
	struct console c;
	int rc;

	(void)state;
	/* Under `make check` this is not a VT (and if it were, we restore at once). */
	rc = console_mute(&c, &log);
	assert_true(rc == 0 || rc == 1);
	assert_true(seen.count >= 1);
	if (rc == 1)
		assert_false(c.muted);
	console_restore(&c, &log);
	assert_int_equal(c.fd, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pty_is_not_a_vt),
		cmocka_unit_test(test_pipe_and_closed_fd),
		cmocka_unit_test(test_mute_where_we_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
