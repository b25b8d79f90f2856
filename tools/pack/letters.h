/* letters: the little UTF-8 and letter handling that hyphenation and the word
 * lists share: decoding and encoding code points, which code points are letters
 * (Latin, with Latin-1 and Latin Extended, as Debian's German and English lists
 * and patterns use), and their lower case. */
#ifndef FOYER_PACK_LETTERS_H
#define FOYER_PACK_LETTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 code point (input already validated): wire_utf8_decode()
 * for bytes; returns its length. */
size_t letters_decode(const unsigned char *s, uint32_t *cp);
/* Writes cp as UTF-8 to out (room for 4 bytes); returns the length. */
size_t letters_encode(uint32_t cp, char *out);
bool letters_is_letter(uint32_t cp);
bool letters_is_upper(uint32_t cp);
uint32_t letters_lower(uint32_t cp);

#endif
