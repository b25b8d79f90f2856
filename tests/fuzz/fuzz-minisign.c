/* Fuzz harness: minisign public keys, signatures and secret keys (the first byte
 * picks the parser), and foyer's version field in a trusted comment.  Whatever
 * parses must stay within its documented limits. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/minisign.h"
#include "bundle/release.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct bundle_diag diag;
	/* A private copy of exactly the text, so any overread is caught. */
	char *copy = malloc(size - 1 ? size - 1 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	switch (data[0] % 3) {
	case 0: {
		struct minisign_public_key k;
		minisign_public_key_parse(copy, size - 1, &k, &diag);
		break;
	}
	case 1: {
		struct minisign_signature s;
		if (minisign_signature_parse(copy, size - 1, &s, &diag) == BUNDLE_OK) {
			if (strlen(s.trusted_comment) > MINISIGN_MAX_TRUSTED_COMMENT)
				__builtin_trap();
			const char *v;
			size_t n;
			struct release_version ver;
			if (release_comment_field(s.trusted_comment, RELEASE_FIELD_VERSION, &v,
						  &n) &&
			    release_version_parse(v, n, &ver)) {
				char text[RELEASE_VERSION_TEXT];
				release_version_format(&ver, text);
				if (strlen(text) != n || memcmp(text, v, n) != 0)
					__builtin_trap();
			}
		}
		break;
	}
	default: {
		/* No password: scrypt would make every input take seconds. */
		struct minisign_secret_key k;
		minisign_secret_key_parse(copy, size - 1, NULL, &k, NULL, &diag);
		break;
	}
	}
	free(copy);
	return 0;
}
