/* clock: whether the wall clock can be trusted; see clock.h. */
#include "clock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <unistd.h>

#define RTC_CLASS "/sys/class/rtc"
#define TIMESYNC_FLAG "/run/systemd/timesync/synchronized"

/* Reads the first line of root+path into buf (without the newline); false when
 * the file cannot be read. */
static bool read_line(const char *root, const char *path, char *buf, size_t size)
{
	char full[512];
	ssize_t n;
	int fd;

	if ((size_t)snprintf(full, sizeof(full), "%s%s", root, path) >= sizeof(full))
		return false;
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return false;
	do
		n = read(fd, buf, size - 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

static bool exists(const char *root, const char *path)
{
	char full[512];

	if ((size_t)snprintf(full, sizeof(full), "%s%s", root, path) >= sizeof(full))
		return false;
	return access(full, F_OK) == 0;
}

/* A whole number of seconds; false for anything else. */
static bool parse_seconds(const char *s, long long *out)
{
	char *end;
	long long v;

	if (!*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		return false;
	*out = v;
	return true;
}

static int compare_ids(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* What the RTCs say: the first that set the clock at boot, and whether it still
 * agrees with the system time.  Returns true when one is trusted. */
static bool check_rtcs(const char *root, time_t now, struct clock_trust *out)
{
	char dir_path[512], line[64], path[96];
	unsigned ids[CLOCK_MAX_RTC];
	size_t count = 0;
	bool found_set = false;
	DIR *dir;
	struct dirent *de;

	if ((size_t)snprintf(dir_path, sizeof(dir_path), "%s" RTC_CLASS, root) >= sizeof(dir_path))
		return false;
	dir = opendir(dir_path);
	if (!dir) {
		snprintf(out->reason, sizeof(out->reason),
			 "there is no real-time clock and nothing synchronised the clock");
		return false;
	}
	while ((de = readdir(dir)) && count < CLOCK_MAX_RTC) {
		unsigned id;
		char tail;

		if (sscanf(de->d_name, "rtc%u%c", &id, &tail) != 1)
			continue;
		ids[count++] = id;
	}
	closedir(dir);
	/* readdir's order is arbitrary: look at rtc0 first, as the kernel does */
	qsort(ids, count, sizeof(ids[0]), compare_ids);
	for (size_t i = 0; i < count; i++) {
		long long rtc_s;
		char name[16];

		snprintf(name, sizeof(name), "rtc%u", ids[i]);

		snprintf(path, sizeof(path), RTC_CLASS "/%s/hctosys", name);
		if (!read_line(root, path, line, sizeof(line)) || strcmp(line, "1") != 0)
			continue;
		found_set = true;
		snprintf(path, sizeof(path), RTC_CLASS "/%s/since_epoch", name);
		if (!read_line(root, path, line, sizeof(line)) || !parse_seconds(line, &rtc_s)) {
			snprintf(out->reason, sizeof(out->reason),
				 "%s set the clock at boot but cannot be read now", name);
			continue;
		}
		if (llabs(rtc_s - (long long)now) > CLOCK_RTC_MAX_SKEW_S) {
			snprintf(out->reason, sizeof(out->reason),
				 "%s set the clock at boot but is %lld s away from the system time "
				 "(flat battery, or the time was changed by hand?)",
				 name, (long long)now - rtc_s);
			continue;
		}
		out->trusted = true;
		out->source = CLOCK_SOURCE_RTC;
		snprintf(out->reason, sizeof(out->reason), "%s set the clock at boot", name);
		return true;
	}
	if (found_set)
		return false; /* the reason says why that RTC does not count */
	if (count)
		snprintf(out->reason, sizeof(out->reason),
			 "rtc%u did not set the clock at boot (never set, or its battery is flat) "
			 "and nothing synchronised the clock",
			 ids[0]);
	else
		snprintf(out->reason, sizeof(out->reason),
			 "there is no real-time clock and nothing synchronised the clock");
	return false;
}

void clock_trust_check(const char *root, bool kernel_synced, time_t now, struct clock_trust *out)
{
	memset(out, 0, sizeof(*out));
	if (!root)
		root = "";
	out->source = CLOCK_UNTRUSTED;
	if (check_rtcs(root, now, out))
		return;
	if (exists(root, TIMESYNC_FLAG)) {
		out->trusted = true;
		out->source = CLOCK_SOURCE_TIMESYNC;
		snprintf(out->reason, sizeof(out->reason),
			 "systemd-timesyncd synchronised the clock");
		return;
	}
	if (kernel_synced) {
		out->trusted = true;
		out->source = CLOCK_SOURCE_KERNEL;
		snprintf(out->reason, sizeof(out->reason),
			 "the kernel reports the clock synchronised");
	}
}

bool clock_kernel_synced(void)
{
	struct timex tx;

	memset(&tx, 0, sizeof(tx)); /* modes 0: only read */
	if (adjtimex(&tx) < 0)
		return false;
	return (tx.status & STA_UNSYNC) == 0;
}

const char *clock_trust_note(const struct clock_trust *t)
{
	return t->trusted ? ""
			  : "Uhr nicht gestellt: \xc3\x96"
			    "ffnungszeiten aus\nClock not set: opening hours off";
}
