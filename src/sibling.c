/* sibling: see sibling.h. */
#include "sibling.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void sibling_program(const char *name, char *buf, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	snprintf(buf, size, "%s", name);
	if (n <= 0)
		return;
	self[n] = 0;
	slash = strrchr(self, '/');
	if (!slash)
		return;
	*slash = 0;
	if ((size_t)snprintf(buf, size, "%s/%s", self, name) >= size || access(buf, X_OK) != 0)
		snprintf(buf, size, "%s", name);
}
