/* foyer-pack's Markdown reader: what each construct becomes in the page model
 * (which is what the kiosk draws), and the place every refusal names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pack/arena.h"
#include "pack/markdown.h"
#include "pack/report.h"

struct parsed {
	struct arena a;
	struct report r;
	struct page_source src;
	int rc;
};

/* Parses a page whose body is `body` (front matter added: 3 lines and a blank). */
static void parse(struct parsed *p, const char *front, const char *body)
{
	char *text;
	size_t n;

	memset(p, 0, sizeof(*p));
	n = strlen(front) + strlen(body) + 32;
	text = malloc(n);
	assert_non_null(text);
	snprintf(text, n, "---\n%s\n---\n\n%s", front, body);
	p->rc = markdown_parse("p.md", text, strlen(text), "p", "de", NULL, NULL, &p->a, &p->r,
			       &p->src);
	free(text);
}

static void release(struct parsed *p)
{
	report_release(&p->r);
	arena_release(&p->a);
}

static const struct page_block *block(struct parsed *p, size_t i)
{
	assert_true(i < p->src.page.block_count);
	return &p->src.page.blocks[i];
}

static void test_table(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "title: T", "| Tag | Zeit |\n|:---|---:|\n| Montag | 9–12 |\n| Freitag | |\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.src.page.block_count, 1);
	assert_int_equal(block(&p, 0)->kind, PAGE_TABLE);
	assert_int_equal(block(&p, 0)->columns, 2);
	assert_int_equal(block(&p, 0)->rows, 3);
	assert_int_equal(block(&p, 0)->align[0], PAGE_ALIGN_LEFT);
	assert_int_equal(block(&p, 0)->align[1], PAGE_ALIGN_RIGHT);
	assert_string_equal(block(&p, 0)->cells[0].spans[0].text, "Tag");
	assert_string_equal(block(&p, 0)->cells[3].spans[0].text, "9–12");
	assert_int_equal(block(&p, 0)->cells[5].span_count, 0); /* the empty cell */
	release(&p);
}

static void test_nesting(void **state)
{
	struct parsed p;

	(void)state;
	parse(
	    &p, "title: T",
	    "1. eins\n\n   zweiter Absatz\n\n   - tiefer\n\n> Zitat\n>\n> - Punkt\n>\n> > innen\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.src.page.block_count, 6);
	/* the item, its second paragraph indented under it, the sub-list */
	assert_int_equal(block(&p, 0)->kind, PAGE_LIST_ITEM);
	assert_int_equal(block(&p, 0)->flags, PAGE_ORDERED);
	assert_int_equal(block(&p, 1)->kind, PAGE_PARAGRAPH);
	assert_int_equal(block(&p, 1)->level, 1);
	assert_int_equal(block(&p, 2)->kind, PAGE_LIST_ITEM);
	assert_int_equal(block(&p, 2)->level, 2);
	/* the quote, a list in it (quote outside, list inside), a quote in the quote */
	assert_int_equal(block(&p, 3)->kind, PAGE_QUOTE);
	assert_int_equal(block(&p, 3)->quotes, 1);
	assert_int_equal(block(&p, 4)->kind, PAGE_LIST_ITEM);
	assert_int_equal(block(&p, 4)->quotes, 1);
	assert_int_equal(page_block_depth(block(&p, 4)), 2);
	assert_int_equal(block(&p, 5)->kind, PAGE_QUOTE);
	assert_int_equal(block(&p, 5)->quotes, 3);
	release(&p);
}

static void test_list_from_zero_and_tasks(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "title: T", "0. null\n1. eins\n\n- [x] fertig\n- [ ] offen\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(block(&p, 0)->number, 0);
	assert_int_equal(block(&p, 0)->flags, PAGE_ORDERED); /* "0." and not a bullet */
	assert_int_equal(block(&p, 1)->number, 1);
	assert_int_equal(block(&p, 2)->flags, PAGE_TASK | PAGE_TASK_DONE);
	assert_int_equal(block(&p, 3)->flags, PAGE_TASK);
	assert_string_equal(block(&p, 3)->spans[0].text, "offen");
	release(&p);
}

static void test_inline_code_and_linked_picture(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "title: T",
	      "Raum `E 12` heute.\n\n[![Bild](b.png \"Foto: X\")](kontakt)\n\n"
	      "[![Bild](b.png \"Foto: X\")](https://www.example.org)\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(block(&p, 0)->spans[1].style, SPAN_CODE);
	assert_string_equal(block(&p, 0)->spans[1].text, "E 12");
	assert_int_equal(block(&p, 1)->kind, PAGE_PICTURE);
	assert_string_equal(block(&p, 1)->link, "kontakt");
	assert_int_equal(block(&p, 1)->flags, PAGE_PICTURE_LINK);
	assert_string_equal(block(&p, 2)->link, "https://www.example.org");
	assert_int_equal(block(&p, 2)->flags, PAGE_PICTURE_WEB);
	/* the link's page is checked like any other link */
	assert_int_equal(p.src.ref_count, 3);
	release(&p);
}

static void test_yaml_quotes_stripped(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "title: \"Kultur \\\"heute\\\"\"\nsummary: 'It''s'\ntile: \"\"", "Text.\n");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.src.page.title, "Kultur \"heute\"");
	assert_string_equal(p.src.page.summary, "It's");
	release(&p);
}

static void test_windows_text(void **state)
{
	static const char text[] = "\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n\r\nEins\r\nzwei\r\n";
	struct parsed p;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.rc = markdown_parse("p.md", text, sizeof(text) - 1, "p", "de", NULL, NULL, &p.a, &p.r,
			      &p.src);
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.src.page.title, "T");
	assert_string_equal(block(&p, 0)->spans[0].text, "Eins zwei");
	release(&p);
}

/* Each refusal, with the line it names (the body starts on line 5). */
static void test_refusals_name_their_line(void **state)
{
	static const struct {
		const char *body;
		const char *message;
	} cases[] = {
		{ "Eins.\n\nZwei.\n\n    code\n", "p.md:9: error: text indented by 4" },
		{ "Eins.\n\n```\ncode\n```\n", "p.md:7: error: code blocks are not shown" },
		{ "Text ~~alt~~ neu.\n", "p.md:5: error: struck-through text" },
		{ "Eins.\n\nA <!-- x -- y --> B\n",
		  "p.md:7: error: HTML comments are not allowed" },
		{ "Ein <a\nhref=\"x\">Link</a>.\n",
		  "p.md:5: error: HTML is not supported in pages: '<a'" },
		{ "- Punkt\n\n  ## Titel\n",
		  "p.md:7: error: a heading cannot stand inside a list" },
		{ "```contact\nname: A\n\nText\n",
		  "p.md:5: error: the contact block is not closed" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed p;

		parse(&p, "title: T", cases[i].body);
		assert_int_equal(p.rc, -1);
		assert_int_equal(p.r.errors, 1); /* one message, no follow-on */
		if (strncmp(p.r.text, cases[i].message, strlen(cases[i].message)) != 0)
			fail_msg("case %zu: got %s", i, p.r.text);
		/* a quoted snippet never breaks the message over two lines */
		assert_ptr_equal(strchr(p.r.text, '\n'), p.r.text + p.r.len - 1);
		release(&p);
	}
}

static void test_empty_page_refused(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "title: T", "");
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.r.text, "p.md:3: error: the page has no text"));
	release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_list_from_zero_and_tasks),
		cmocka_unit_test(test_inline_code_and_linked_picture),
		cmocka_unit_test(test_yaml_quotes_stripped),
		cmocka_unit_test(test_windows_text),
		cmocka_unit_test(test_refusals_name_their_line),
		cmocka_unit_test(test_empty_page_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
