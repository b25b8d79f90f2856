/* watch: rebuild and reload on every save; see watch.h. */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nav.h"
#include "sibling.h"

/* What an editor's save looks like to inotify: a file written and closed, or
 * renamed into place (and away), or removed; new folders are watched too. */
#define WATCH_MASK                                                                                 \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_DELETE_SELF)
/* Folder depth watched below DIR: pages/ID is 2. */
#define WATCH_DEPTH 4
/* Messages of one build kept for the overlay; the terminal gets them all. */
#define WATCH_MESSAGES_MAX 8192

static void add_tree(struct watch *w, const char *path, int depth)
{
	DIR *d;
	struct dirent *e;
	int wd = inotify_add_watch(w->fd, path, WATCH_MASK);

	if (wd < 0 || w->dir_count == WATCH_MAX_DIRS) {
		logger_printf(w->log, LOG_LEVEL_WARNING, "watch: cannot watch %s: %s", path,
			      wd < 0 ? strerror(errno) : "too many folders");
		return;
	}
	w->dirs[w->dir_count++] = (struct watch_dir){ wd, strdup(path) };
	if (depth >= WATCH_DEPTH || !(d = opendir(path)))
		return;
	while ((e = readdir(d))) {
		char sub[PATH_MAX];

		if (e->d_name[0] == '.' || e->d_type != DT_DIR)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		add_tree(w, sub, depth + 1);
	}
	closedir(d);
}

static int make_tmp(struct watch *w)
{
	const char *base = getenv("XDG_RUNTIME_DIR");

	if (!base || !*base)
		base = getenv("TMPDIR");
	snprintf(w->tmp, sizeof(w->tmp), "%s/foyer-watch.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(w->tmp)) {
		logger_printf(w->log, LOG_LEVEL_ERROR, "watch: cannot make %s: %s", w->tmp,
			      strerror(errno));
		return -1;
	}
	snprintf(w->bundle, sizeof(w->bundle), "%s/content.fpk", w->tmp);
	return 0;
}

int watch_open(struct watch *w, const char *dir, const char *pack, FILE *out,
	       const struct logger *log)
{
	*w = (struct watch){
		.out = out, .log = log, .fd = -1, .due = NAV_NEVER, .quit_pipe = { -1, -1 }
	};
	snprintf(w->dir, sizeof(w->dir), "%s", dir);
	if (pack)
		snprintf(w->pack, sizeof(w->pack), "%s", pack);
	else
		sibling_program("foyer-pack", w->pack, sizeof(w->pack));
	if (make_tmp(w) != 0)
		return -1;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		logger_printf(log, LOG_LEVEL_ERROR, "watch: inotify: %s", strerror(errno));
		watch_close(w);
		return -1;
	}
	add_tree(w, dir, 0);
	return 0;
}

void watch_close(struct watch *w)
{
	if (w->thread) {
		if (write(w->quit_pipe[1], "q", 1) < 0) {
			/* the thread then ends at its next wake-up */
		}
		SDL_SemPost(w->drained);
		SDL_WaitThread(w->thread, NULL);
	}
	for (int i = 0; i < 2; i++)
		if (w->quit_pipe[i] >= 0)
			close(w->quit_pipe[i]);
	if (w->drained)
		SDL_DestroySemaphore(w->drained);
	for (size_t i = 0; i < w->dir_count; i++)
		free(w->dirs[i].path);
	free(w->overlay);
	w->overlay = NULL;
	if (w->fd >= 0)
		close(w->fd);
	if (w->bundle[0])
		remove(w->bundle);
	if (w->tmp[0])
		rmdir(w->tmp);
	w->fd = -1;
	w->thread = NULL;
	w->drained = NULL;
	w->dir_count = 0;
}

const char *watch_bundle(const struct watch *w)
{
	return w->bundle;
}

int watch_fd(const struct watch *w)
{
	return w->fd;
}

uint64_t watch_next_deadline(const struct watch *w)
{
	return w->due;
}

static const char *dir_of(const struct watch *w, int wd)
{
	for (size_t i = 0; i < w->dir_count; i++)
		if (w->dirs[i].wd == wd)
			return w->dirs[i].path;
	return NULL;
}

/* Editors' and systems' leftovers (".de.md.swp", "de.md~", "#de.md#") change
 * nothing foyer-pack reads; a build for them would be one too many. */
static bool ignored(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || name[0] == '#' || (n && name[n - 1] == '~');
}

static void handle_event(struct watch *w, const struct inotify_event *ev, uint64_t now)
{
	const char *parent = dir_of(w, ev->wd);

	if (ev->len && ignored(ev->name))
		return;
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && parent) {
		char sub[PATH_MAX];

		snprintf(sub, sizeof(sub), "%s/%s", parent, ev->name);
		add_tree(w, sub, 1);
	}
	/* a new empty file is not a save yet: its close is */
	if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR))
		return;
	w->due = now + WATCH_DEBOUNCE_MS;
}

void watch_changed(struct watch *w, uint64_t now)
{
	/* aligned as inotify's records are */
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;

	while ((n = read(w->fd, buf, sizeof(buf))) > 0)
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;

			handle_event(w, ev, now);
			p += sizeof(*ev) + ev->len;
		}
}

void watch_tick(struct watch *w, struct app *app, uint64_t now)
{
	if (now < w->due)
		return;
	w->due = NAV_NEVER;
	watch_build(w, app, now);
}

/* Runs foyer-pack build, copying what it says to w->out as it says it and the
 * first cap - 1 bytes into msgs.  Returns its exit status, or -1. */
static int run_pack(struct watch *w, char *msgs, size_t cap)
{
	char *argv[] = { w->pack, "build", w->dir, "-o", w->bundle, "--draft", NULL };
	size_t len = 0;
	char chunk[1024];
	ssize_t n;
	int pfd[2], status;
	pid_t pid;

	if (pipe(pfd) != 0)
		return -1;
	fflush(w->out);
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], STDOUT_FILENO);
		dup2(pfd[1], STDERR_FILENO);
		close(pfd[0]);
		close(pfd[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "foyer --watch: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	while (pid > 0 &&
	       ((n = read(pfd[0], chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR)))
		for (ssize_t i = 0; i < n; i++) {
			fputc(chunk[i], w->out);
			if (len + 1 < cap)
				msgs[len++] = chunk[i];
		}
	msgs[len] = 0;
	close(pfd[0]);
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Whether the line p[0..n) holds ": error: " (a compiler-style message). */
static bool is_error_line(const char *p, size_t n)
{
	char line[1024];

	snprintf(line, sizeof(line), "%.*s", (int)n, p);
	return strstr(line, ": error: ") != NULL;
}

/* The overlay: what happened, then the errors (path:line first) and the
 * closing count; all of msgs when it has no error lines (foyer-pack missing). */
static void overlay_text(const char *msgs, char *text, size_t cap)
{
	size_t len = (size_t)snprintf(text, cap,
				      "Der Build ist fehlgeschlagen, gezeigt wird der letzte gute "
				      "Stand. / The build failed, the last good one is shown.\n");
	bool any = strstr(msgs, ": error: ") != NULL;

	for (const char *p = msgs; *p && len < cap;) {
		size_t n = strcspn(p, "\n");

		if (!any || is_error_line(p, n) || strncmp(p, "foyer-pack: ", 12) == 0)
			len += (size_t)snprintf(text + len, cap - len, "%.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

bool watch_build(struct watch *w, struct app *app, uint64_t now)
{
	char msgs[WATCH_MESSAGES_MAX], text[WATCH_MESSAGES_MAX + 256];
	uint64_t t0 = SDL_GetTicks64();
	int rc = run_pack(w, msgs, sizeof(msgs));

	w->builds++;
	w->failed = rc != 0;
	free(w->overlay);
	w->overlay = NULL;
	if (w->failed) {
		overlay_text(msgs, text, sizeof(text));
		w->overlay = strdup(text);
	}
	if (!app)
		return !w->failed;
	if (!w->failed)
		app_reload_in_place(app, w->bundle, now);
	app_set_overlay(app, w->overlay);
	if (!w->failed)
		logger_printf(w->log, LOG_LEVEL_INFO, "watch: built and reloaded in %.2f s",
			      (double)(SDL_GetTicks64() - t0) / 1000.0);
	return !w->failed;
}

const char *watch_overlay(const struct watch *w)
{
	return w->overlay;
}

static int notify_thread(void *data)
{
	struct watch *w = data;

	for (;;) {
		struct pollfd pfd[2] = { { w->fd, POLLIN, 0 }, { w->quit_pipe[0], POLLIN, 0 } };
		SDL_Event ev = { .type = w->event_type };

		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			return 0;
		if (pfd[1].revents)
			return 0;
		if (!(pfd[0].revents & POLLIN))
			continue;
		SDL_PushEvent(&ev);
		SDL_SemWait(w->drained);
	}
}

int watch_notify_start(struct watch *w, Uint32 event_type)
{
	w->event_type = event_type;
	if (pipe(w->quit_pipe) != 0)
		return SDL_SetError("pipe: %s", strerror(errno));
	w->drained = SDL_CreateSemaphore(0);
	if (!w->drained)
		return -1;
	w->thread = SDL_CreateThread(notify_thread, "foyer-watch", w);
	return w->thread ? 0 : -1;
}

void watch_notify_done(struct watch *w)
{
	if (w->drained)
		SDL_SemPost(w->drained);
}
