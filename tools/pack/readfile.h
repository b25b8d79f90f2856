/* readfile: reads one file of a content folder into memory, safely.  Only regular
 * files are read: a FIFO named like a picture would block a build forever, and a
 * device or socket is never content, so each is refused by name.  Text files may
 * come from Windows: a UTF-8 byte order mark is dropped and CRLF (and a lone CR)
 * become LF, so every reader after this one sees plain LF text and lines count the
 * same as in the editor. */
#ifndef FOYER_PACK_READFILE_H
#define FOYER_PACK_READFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads path into a malloc'd buffer (caller frees; one extra NUL byte after the
 * data).  Returns 0, or -1 with a sentence for the editor in why ("is a FIFO (a
 * named pipe), not a file", "larger than 1 MiB", ...). */
int readfile_load(const char *path, size_t max_size, uint8_t **data, size_t *size, char *why,
		  size_t why_size);

/* The same for text: drops a UTF-8 byte order mark and turns CRLF and CR into LF
 * (in place: the text only shrinks). */
int readfile_text(const char *path, size_t max_size, char **text, size_t *size, char *why,
		  size_t why_size);

/* Normalises text[0..*size) in memory as readfile_text() does. */
void readfile_normalise(char *text, size_t *size);

/* What a file of this kind is, for messages ("a folder", "a FIFO (named pipe)");
 * NULL for a regular file. */
const char *readfile_kind(unsigned mode);

/* True for files an editor's system or editor leaves in a folder and that are
 * never content: Thumbs.db, desktop.ini, .DS_Store and other dot files, editor
 * backups (name~, #name#, .name.swp, name.bak) and Office lock files (~$name). */
bool readfile_ignored(const char *name);

#endif
