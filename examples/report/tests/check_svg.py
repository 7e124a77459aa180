"""The trend chart: well-formed XML; per metric one panel with one point per
period, whose numbers (data-*) equal the independently computed ones
(expected.py), hollow where the period is partial, and whose position on the score axis, read back through the
axis' own tick labels, is the score; a ring on exactly the significant
changes; and it renders with rsvg-convert to a PNG of the stated size that is
not blank.

  check_svg.py EXPECTED.csv RSVG_CONVERT [--segment NAME] -- CXM_REPORT ARGS...
  (ARGS include --svg FILE; with --segment, the chart of that segment's line)
"""
import csv
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SVG = "{http://www.w3.org/2000/svg}"


def close(a, b, tol):
    return abs(a - b) <= tol * max(1.0, abs(b))


def axis_of(panel):
    """score = a + b * y, from the score tick labels (right-aligned, left of the plot)."""
    ticks = [(float(t.get("y")) - 4, float(t.text)) for t in panel.iter(SVG + "text")
             if t.get("text-anchor") == "end"]
    (y1, v1), (y2, v2) = ticks[0], ticks[-1]
    slope = (v2 - v1) / (y2 - y1)
    return lambda y: v1 + (y - y1) * slope, abs(slope)


def png_size_and_colours(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    idat, at = b"", 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    pixels = zlib.decompress(idat)
    return width, height, len(set(pixels[1:200000]))


def main():
    args = sys.argv[1:]
    expected_path, rsvg = args[0], args[1]
    segment = args[3] if args[2] == "--segment" else "(all)"
    command = args[args.index("--") + 1:]
    svg_path = command[command.index("--svg") + 1]
    run = subprocess.run(command, capture_output=True, text=True)
    problems = [] if run.returncode == 0 else [f"exit {run.returncode}: {run.stderr}"]
    metric = command[command.index("--metric") + 1] if "--metric" in command else None
    expected = [r for r in csv.DictReader(open(expected_path)) if r["segment"] == segment
                and metric in (None, r["metric"])]
    root = ET.parse(svg_path).getroot()  # raises on malformed XML
    panels = [g for g in root.iter(SVG + "g") if g.get("class") == "panel"]
    metrics = sorted({r["metric"] for r in expected}, key=["csat", "nps", "ces"].index)
    if [p.get("data-metric") for p in panels] != metrics:
        problems.append(f"panels {[p.get('data-metric') for p in panels]}, expected {metrics}")
    for panel in panels:
        rows = [r for r in expected if r["metric"] == panel.get("data-metric")]
        points = [c for c in panel.iter(SVG + "circle") if c.get("class") == "point"]
        score_at, per_pixel = axis_of(panel)
        if len(points) != len([r for r in rows if r["low"]]):
            problems.append(f"{panel.get('data-metric')}: {len(points)} points, {len(rows)} periods")
        for point, row in zip(points, [r for r in rows if r["low"]]):
            for key in ("period", "n", "partial"):
                if point.get("data-" + key) != row[key]:
                    problems.append(f"{row['period']}: data-{key} {point.get('data-' + key)}")
            if (point.get("fill") == "#ffffff") != (row["partial"] == "yes"):
                problems.append(f"{row['period']}: drawn {'hollow' if row['partial'] == 'no' else 'filled'}")
            for key, want in (("score", row["score"]), ("low", row["low"]), ("high", row["high"])):
                if not close(float(point.get("data-" + key)), float(want), 1e-9):
                    problems.append(f"{row['period']}: data-{key} {point.get('data-' + key)}, "
                                    f"expected {want}")
            plotted = score_at(float(point.get("cy")))
            if abs(plotted - float(row["score"])) > 0.01 * per_pixel + 1e-9:
                problems.append(f"{row['period']}: plotted at {plotted}, score {row['score']}")
        rings = [c for c in panel.iter(SVG + "circle") if c.get("class") == "significant"]
        if len(rings) != sum(r["significant"] == "yes" for r in rows):
            problems.append(f"{panel.get('data-metric')}: {len(rings)} significant marks")
    width, height = int(root.get("width")), int(root.get("height"))
    if (width, height) != (800, 500 * len(panels)):
        problems.append(f"size {width} x {height}")
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "chart.png")
        subprocess.run([rsvg, "-o", png, svg_path], check=True)
        w, h, colours = png_size_and_colours(png)
        if (w, h) != (width, height) or colours < 16:
            problems.append(f"PNG {w} x {h} with {colours} distinct byte values: blank?")
    if problems:
        print("\n".join(problems[:30]))
        return 1
    print(f"SVG OK: {len(panels)} panels, {width} x {height}, rendered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
