"""Product photos for the demo, drawn with Pillow (nothing is downloaded).

Each piece gets its own colours and pattern, as handmade pieces do.
"""

import io
import random

from PIL import Image, ImageDraw

PALETTES = [
    ("#b5452b", "#f2c14e", "#fbf3e4"),  # madder red, turmeric
    ("#1f5f5b", "#e9b44c", "#f4efe6"),  # indigo-teal, marigold
    ("#3b3561", "#ea8c55", "#f6f1ea"),  # aubergine, saffron
    ("#6b8f3a", "#f4d35e", "#f7f4ea"),  # leaf, mustard
    ("#8c2f39", "#e0c097", "#faf6f0"),  # alta red, jute
    ("#264653", "#e76f51", "#f5efe6"),  # deep sea, terracotta
]


def _pattern(draw, box, colour, kind, rng):
    x0, y0, x1, y1 = box
    if kind == "stripes":
        step = rng.randint(28, 44)
        for y in range(y0 + step // 2, y1, step):
            draw.rectangle([x0, y, x1, y + step // 3], fill=colour)
    elif kind == "dots":
        step = rng.randint(40, 60)
        r = step // 5
        for row, y in enumerate(range(y0 + step // 2, y1, step)):
            offset = step // 2 if row % 2 else 0
            for x in range(x0 + step // 2 + offset, x1, step):
                draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    else:  # kantha-style running stitch
        step = rng.randint(22, 30)
        for y in range(y0 + step, y1, step):
            for x in range(x0 + 10, x1 - 10, 24):
                draw.line([x, y, x + 12, y], fill=colour, width=4)


def product_photo(kind: str, seed: int, size: int = 1000) -> bytes:
    """A JPEG of a tote bag or pouch in a studio-like setting."""
    rng = random.Random(seed)
    body, accent, backdrop = PALETTES[seed % len(PALETTES)]
    img = Image.new("RGB", (size, size), backdrop)
    draw = ImageDraw.Draw(img)
    # soft floor shadow
    draw.ellipse([size * 0.18, size * 0.83, size * 0.82, size * 0.92], fill="#e4dccf")
    pattern = rng.choice(["stripes", "dots", "stitch"])
    if kind == "pouch":
        box = (int(size * 0.2), int(size * 0.38), int(size * 0.8), int(size * 0.82))
        draw.rounded_rectangle(box, radius=40, fill=body)
        _pattern(draw, (box[0] + 20, box[1] + 60, box[2] - 20, box[3] - 20), accent, pattern, rng)
        # zip along the top
        draw.rectangle([box[0], box[1] + 14, box[2], box[1] + 34], fill="#5b4a3a")
        for x in range(box[0] + 8, box[2] - 8, 14):
            draw.line([x, box[1] + 16, x, box[1] + 32], fill="#cbb89d", width=3)
        draw.ellipse([box[2] - 70, box[1] + 4, box[2] - 40, box[1] + 44], fill="#cbb89d")
    else:
        box = (int(size * 0.22), int(size * 0.34), int(size * 0.78), int(size * 0.84))
        # handles
        handle_w = int(size * 0.035)
        for hx in (0.34, 0.54):
            draw.arc(
                [int(size * hx), int(size * 0.12), int(size * (hx + 0.12)), int(size * 0.46)],
                start=180, end=360, fill="#7a5c3e", width=handle_w,
            )
        draw.rectangle(box, fill=body)
        _pattern(draw, (box[0] + 24, box[1] + 24, box[2] - 24, box[3] - 24), accent, pattern, rng)
        draw.rectangle([box[0], box[1], box[2], box[1] + 18], fill="#00000022")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()
