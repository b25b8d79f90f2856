#!/usr/bin/env python3
"""Writes the Dortmund start page as one HTML file for the Chromium baseline of
`make bench`: the same header bar, slogan, tiles, pictures, colours and Noto fonts
that foyer draws, so both kiosks show the same thing.

usage: chromium-page.py CONTENT_DIR LANG OUT.html
"""
import configparser
import html
import os
import sys


def front_matter(path):
    meta = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[0] == "---":
        for line in lines[1:]:
            if line == "---":
                break
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip()] = v.strip()
    return meta


def main():
    content, lang, out = sys.argv[1:4]
    ini = configparser.ConfigParser(comment_prefixes=(";", "#"), inline_comment_prefixes=(";",))
    ini.read(os.path.join(content, "site.ini"), encoding="utf-8")
    colors = dict(ini["colors"])
    langs = ini["site"]["languages"].split()
    start = front_matter(os.path.join(content, "pages", ini["site"]["start"], lang + ".md"))
    tiles = []
    for tid in ini["site"]["tiles"].split():
        meta = front_matter(os.path.join(content, "pages", tid, lang + ".md"))
        img = os.path.abspath(os.path.join(content, "images", meta.get("image", "")))
        tiles.append((meta.get("tile", meta.get("title", tid)), meta.get("summary", ""), img))
    font = "/usr/share/fonts/truetype/noto/NotoSans-%s.ttf"
    e = html.escape
    tile_html = "\n".join(
        f'<a class="tile" href="#"><img src="file://{e(img)}" alt=""><b>{e(t)}</b>'
        f"<span>{e(s)}</span></a>" for t, s, img in tiles)
    lang_html = "".join(
        f'<a class="lang{" on" if l == lang else ""}" href="#">{l.upper()}</a>' for l in langs)
    page = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<style>
@font-face {{ font-family: Noto; src: url(file://{font % "Regular"}); }}
@font-face {{ font-family: Noto; font-weight: bold; src: url(file://{font % "Bold"}); }}
html, body {{ margin: 0; background: {colors["background"]}; color: {colors["text"]};
  font-family: Noto, sans-serif; }}
header {{ background: {colors["accent"]}; color: {colors["accent_text"]}; display: flex;
  align-items: center; justify-content: space-between; height: 7.4vh; padding: 0 1.7vw;
  font-size: 3.7vh; font-weight: bold; }}
.lang {{ color: {colors["accent_text"]}; border: 2px solid; padding: 0.3vh 0.8vw;
  margin-left: 0.6vw; text-decoration: none; }}
.lang.on {{ background: {colors["accent_text"]}; color: {colors["accent"]}; }}
h1 {{ color: {colors["accent"]}; font-size: 4.6vh; margin: 2.6vh 1.7vw 0; }}
p.sub {{ color: {colors["muted"]}; font-size: 3vh; margin: 0.5vh 1.7vw 2vh; }}
main {{ display: grid; grid-template-columns: 1fr 1fr; gap: 2.4vh 1.3vw; margin: 0 1.7vw; }}
.tile {{ background: {colors["tile"]}; color: {colors["tile_text"]}; text-decoration: none;
  display: flex; flex-direction: column; }}
.tile img {{ width: 100%; height: 25vh; object-fit: cover; }}
.tile b {{ font-size: 3.6vh; margin: 1.6vh 1vw 0; }}
.tile span {{ font-size: 2.4vh; margin: 0.4vh 1vw 1.6vh; }}
</style></head>
<body><header><span>{e(ini["name"][lang])}</span><nav>{lang_html}</nav></header>
<h1>{e(ini["slogan"][lang])}</h1><p class="sub">{e(start.get("summary", ""))}</p>
<main>{tile_html}</main></body></html>
"""
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
