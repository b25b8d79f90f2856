/* Watchdog: the messages systemd would receive, on a notify socket of our own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmocka.h>

#include "watchdog.h"

struct notify_socket {
	char dir[64];
	char path[96];
	int fd;
};

static int setup(void **state)
{
	struct notify_socket *s = calloc(1, sizeof(*s));
	struct sockaddr_un addr = { .sun_family = AF_UNIX };

	if (!s)
		return -1;
	snprintf(s->dir, sizeof(s->dir), "/tmp/foyer-test-watchdog-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->path, sizeof(s->path), "%s/notify", s->dir);
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", s->path);
	s->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
		return -1;
	setenv("NOTIFY_SOCKET", s->path, 1);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct notify_socket *s = *state;

	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	close(s->fd);
	unlink(s->path);
	rmdir(s->dir);
	free(s);
	return 0;
}

/* The next datagram, or "" if none is waiting. */
static const char *received(struct notify_socket *s)
{
	static char buf[256];
	ssize_t n = recv(s->fd, buf, sizeof(buf) - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void test_pings_at_half_the_timeout(void **state)
{
	struct notify_socket *s = *state;
	struct watchdog w;
	char pid[32];
	uint64_t deadline = 0;

	setenv("WATCHDOG_USEC", "30000000", 1); /* WatchdogSec=30 */
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	setenv("WATCHDOG_PID", pid, 1);
	watchdog_init(&w, 1000, NULL);
	assert_true(w.enabled);
	assert_int_equal(w.interval_ms, 15000);
	watchdog_notify_ready(&w);
	assert_string_equal(received(s), "READY=1");
	/* due at once, then every 15 s */
	assert_true(watchdog_next_deadline(&w, &deadline));
	assert_int_equal(deadline, 1000);
	watchdog_handle_timeout(&w, 1000);
	assert_string_equal(received(s), "WATCHDOG=1");
	assert_true(watchdog_next_deadline(&w, &deadline));
	assert_int_equal(deadline, 16000);
	watchdog_handle_timeout(&w, 15999);
	assert_string_equal(received(s), "");
	/* a late loop pings once and counts from now */
	watchdog_handle_timeout(&w, 40000);
	assert_string_equal(received(s), "WATCHDOG=1");
	assert_string_equal(received(s), "");
	assert_true(watchdog_next_deadline(&w, &deadline));
	assert_int_equal(deadline, 55000);
	watchdog_notify_status(&w, "Out of order: bundle missing");
	assert_string_equal(received(s), "STATUS=Out of order: bundle missing");
	watchdog_notify_stopping(&w);
	assert_string_equal(received(s), "STOPPING=1");
}

static void test_off_without_systemd(void **state)
{
	struct notify_socket *s = *state;
	struct watchdog w;
	uint64_t deadline = 0;

	unsetenv("WATCHDOG_USEC");
	watchdog_init(&w, 0, NULL);
	assert_false(w.enabled);
	assert_false(watchdog_next_deadline(&w, &deadline));
	watchdog_handle_timeout(&w, 1000000);
	assert_string_equal(received(s), "");
	/* another process's watchdog is not ours */
	setenv("WATCHDOG_USEC", "30000000", 1);
	setenv("WATCHDOG_PID", "1", 1);
	watchdog_init(&w, 0, NULL);
	assert_false(w.enabled);
	/* no socket at all: notifications are silently dropped */
	unsetenv("NOTIFY_SOCKET");
	watchdog_notify_ready(&w);
	assert_string_equal(received(s), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pings_at_half_the_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_off_without_systemd, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
