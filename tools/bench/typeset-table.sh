#!/bin/sh
# Joins two `typeset stats` outputs (before, after) into the Markdown table of
# docs/kiosk.md, "Line breaking": one row per page, language and screen.
# Usage: tools/bench/typeset-table.sh BEFORE.tsv AFTER.tsv
set -eu
awk -F'\t' '
FNR == 1 { file++; next }
file == 1 { key = $1 " " $2 " " $3; b[key] = $4 "\t" $5 "\t" $6 "\t" $7; next }
{
	key = $1 " " $2 " " $3
	split(b[key], o, "\t")
	if (!header++) {
		print "| page | lang | screen | hyphenated lines | longest run | broken names | widows |"
		print "|---|---|---|---|---|---|---|"
	}
	printf "| %s | %s | %s | %s → %s | %s → %s | %s → %s | %s → %s |\n", $1, $2, $3, \
		o[1], $4, o[2], $5, o[3], $6, o[4], $7
	for (i = 1; i <= 4; i++) { tb[i] += o[i]; ta[i] += $(i + 3) }
	if (o[2] > mb) mb = o[2]
	if ($5 > ma) ma = $5
}
END {
	printf "| **all** | | | **%d → %d** | **%d → %d** (most) | **%d → %d** | **%d → %d** |\n", \
		tb[1], ta[1], mb, ma, tb[3], ta[3], tb[4], ta[4]
}' "$1" "$2"
