"""The trend chart stays readable at any granularity (issue 25, item 8): at
13 months by week, 400 days by day and by month, no two texts of a chart
overlap and every text lies inside the picture; and a segment's name, however
long and whatever XML specials it holds, is escaped and fits the title.

Each text element's box is computed here from its position, text-anchor,
font size, weight and transform, with the advance widths of DejaVu Sans
(the chart's first font; other fonts it names are narrower) as
dejavu_widths.py read them from the font files, and a character beyond these
tables taken as 1 em wide. Vertically a box reaches 0.76 em above the
baseline (capitals and digits are 0.73 em) and 0.25 em below (descenders
0.24).

  check_chart_geometry.py CXM_REPORT DATA_DIR
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
CHARS = "".join(chr(c) for c in range(32, 127)) + "\u25b2\u25bc\u00b7"
# dejavu_widths.py, DejaVu Sans 2.37 (Debian's fonts-dejavu-core)
REGULAR = [
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361,
    0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337,
    0.337, 0.838, 0.838, 0.838, 0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752,
    0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732,
    0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55,
    0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635,
    0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636,
    0.838, 0.769, 0.769, 0.318,
]
BOLD = [
    0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38,
    0.415, 0.38, 0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4,
    0.4, 0.838, 0.838, 0.838, 0.58, 1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837,
    0.372, 0.372, 0.775, 0.637, 0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774,
    1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716,
    0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716,
    0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838,
    0.769, 0.769, 0.38,
]

EXPORT = ["--column", "metric=Survey", "--column", "rating=Score", "--column", "segment=Agent",
          "--column", "date=Submitted At", "--scale", "csat=csat10", "--scale", "ces=ces5"]


def width(text, size, bold):
    table = BOLD if bold else REGULAR
    return size * sum(table[CHARS.index(c)] if c in CHARS else 1.0 for c in text)


def boxes(root):
    """(left, top, right, bottom, text) of every text element, in picture coordinates."""
    out = []
    default = float(root.get("font-size"))
    for t in root.iter(SVG + "text"):
        text = "".join(t.itertext())
        size = float(t.get("font-size", default))
        w = width(text, size, t.get("font-weight") == "bold")
        anchor = t.get("text-anchor", "start")
        left = {"start": 0.0, "middle": -w / 2, "end": -w}[anchor]
        x, y = float(t.get("x", 0)), float(t.get("y", 0))
        box = (x + left, y - 0.76 * size, x + left + w, y + 0.25 * size)
        transform = t.get("transform")
        if transform:
            tx, ty, angle = map(float, re.fullmatch(
                r"translate\(([-\d.]+) ([-\d.]+)\) rotate\(([-\d.]+)\)", transform).groups())
            l, top, r, bottom = box
            # rotate(-90): (x, y) -> (y, -x); rotate(90): (x, y) -> (-y, x)
            box = ((tx + top, ty - r, tx + bottom, ty - l) if angle == -90 else
                   (tx - bottom, ty + l, tx - top, ty + r))
        out.append(box + (text,))
    return out


def overlap(a, b):
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def check_chart(label, path, problems, least_labels=4):
    root = ET.parse(path).getroot()
    w, h = float(root.get("width")), float(root.get("height"))
    texts = boxes(root)
    for i, a in enumerate(texts):
        if a[0] < 0 or a[1] < 0 or a[2] > w or a[3] > h:
            problems.append(f"{label}: '{a[4]}' reaches outside the picture: {a[:4]}")
        for b in texts[i + 1:]:
            if overlap(a, b):
                problems.append(f"{label}: '{a[4]}' {tuple(round(v) for v in a[:4])} overlaps "
                                f"'{b[4]}' {tuple(round(v) for v in b[:4])}")
    for panel in (g for g in root.iter(SVG + "g") if g.get("class") == "panel"):
        ticks = [t for t in panel.iter(SVG + "text") if t.get("text-anchor") == "middle" and
                 t.get("transform") is None and t.get("class") != "change"]
        if len(ticks) < least_labels + 1:  # the axis title is one of them
            problems.append(f"{label}: {len(ticks) - 1} period labels in a panel")
    return len(texts)


def main():
    report, data = sys.argv[1], sys.argv[2]
    export = os.path.join(data, "helpdesk-export.csv")
    answers = os.path.join(data, "answers.csv")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        long_name = "S\u00e9gment <&> \"quoted\" 'x' " + "\u6771\u4eac" * 30 + "e" * 40
        names = os.path.join(tmp, "names.csv")
        with open(names, "w", encoding="utf-8") as fh:
            fh.write("metric,rating,segment,date\n")
            for day in range(1, 29):
                quoted = long_name.replace('"', '""')
                fh.write(f'nps,{day % 11},"{quoted}",2026-02-{day:02d}\n')
        cases = [("13 months by week", EXPORT + ["--by", "week"], export),
                 ("400 days by day", EXPORT + ["--by", "day"], export),
                 ("14 months by month", EXPORT, export),
                 ("one segment by week", EXPORT + ["--by", "week", "--segment", "Chlo\u00e9 Martin"],
                  export),
                 ("6 months by month", [], answers),
                 ("26 weeks by week", ["--by", "week"], answers),
                 ("a long name by day", ["--by", "day", "--segment", long_name], names)]
        for label, options, path in cases:
            svg = os.path.join(tmp, "chart.svg")
            run = subprocess.run([report, *options, "--svg", svg, path], capture_output=True,
                                 text=True)
            if run.returncode != 0:
                problems.append(f"{label}: exit {run.returncode}\n{run.stderr}")
                continue
            texts = check_chart(label, svg, problems, 2 if "6 months" in label else 4)
            print(f"{label}: {texts} texts")
            if "long name" in label and len(long_name.encode()) <= 255:
                title = [t for t in ET.parse(svg).getroot().iter(SVG + "text")
                         if t.get("class") == "title"][0]
                if long_name not in "".join(title.itertext()):
                    problems.append(f"{label}: the title does not hold the name as given")
    if problems:
        print("\n".join(problems[:30]))
        return 1
    print("charts: no text overlaps another or leaves the picture")
    return 0


if __name__ == "__main__":
    sys.exit(main())
