"""Prints the advance widths (em) of printable ASCII, the two triangles and
the middle dot in DejaVu Sans and DejaVu Sans Bold, read from the font
files' cmap (format 4) and hmtx tables: the tables check_chart_geometry.py
measures the chart's texts with. Needs the fonts (Debian: fonts-dejavu-core);
CI does not run it.

  python3 examples/report/tests/dejavu_widths.py [FONT_DIR]
"""
import struct
import sys

CHARS = "".join(chr(c) for c in range(32, 127)) + "\u25b2\u25bc\u00b7"


def tables(font):
    count = struct.unpack(">H", font[4:6])[0]
    out = {}
    for i in range(count):
        tag, _, offset, _ = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        out[tag.decode()] = offset
    return out


def glyph_finder(font, cmap):
    """The glyph of a BMP character, from the Windows Unicode subtable (format 4)."""
    count = struct.unpack(">H", font[cmap + 2:cmap + 4])[0]
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", font[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
        if platform == 3 and encoding == 1 and font[cmap + offset + 1] == 4:
            sub = cmap + offset
    seg2 = struct.unpack(">H", font[sub + 6:sub + 8])[0]
    segs = seg2 // 2
    ends = struct.unpack(f">{segs}H", font[sub + 14:sub + 14 + seg2])
    starts = struct.unpack(f">{segs}H", font[sub + 16 + seg2:sub + 16 + 2 * seg2])
    deltas = struct.unpack(f">{segs}h", font[sub + 16 + 2 * seg2:sub + 16 + 3 * seg2])
    ranges_at = sub + 16 + 3 * seg2
    ranges = struct.unpack(f">{segs}H", font[ranges_at:ranges_at + seg2])

    def glyph(c):
        for k in range(segs):
            if starts[k] <= c <= ends[k]:
                if ranges[k] == 0:
                    return (c + deltas[k]) & 0xFFFF
                at = ranges_at + 2 * k + ranges[k] + 2 * (c - starts[k])
                g = struct.unpack(">H", font[at:at + 2])[0]
                return (g + deltas[k]) & 0xFFFF if g else 0
        return 0
    return glyph


def widths(path):
    font = open(path, "rb").read()
    t = tables(font)
    units = struct.unpack(">H", font[t["head"] + 18:t["head"] + 20])[0]
    metrics = struct.unpack(">H", font[t["hhea"] + 34:t["hhea"] + 36])[0]
    advance = [struct.unpack(">H", font[t["hmtx"] + 4 * i:t["hmtx"] + 4 * i + 2])[0]
               for i in range(metrics)]
    glyph = glyph_finder(font, t["cmap"])
    return [round(advance[min(glyph(ord(c)), metrics - 1)] / units, 3) for c in CHARS]


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu"
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        print(name, widths(f"{directory}/{name}.ttf"))


if __name__ == "__main__":
    main()
