/* LD_PRELOAD shim for tests/check-pack.sh: fsync() waits until the file named by
 * $FOYER_TEST_FSYNC_GATE exists.  A test can then act while a bundle is being
 * written (send a signal) and let the write go on, without timing anything. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int fsync(int fd);

int fsync(int fd)
{
	static int (*real_fsync)(int);
	const char *gate = getenv("FOYER_TEST_FSYNC_GATE");
	struct timespec pause = { 0, 10 * 1000 * 1000 };

	if (!real_fsync)
		*(void **)&real_fsync = dlsym(RTLD_NEXT, "fsync");
	while (gate && access(gate, F_OK) != 0)
		nanosleep(&pause, NULL);
	return real_fsync ? real_fsync(fd) : -1;
}
