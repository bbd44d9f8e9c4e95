"""Photographs for the demo, drawn with Pillow until real ones are uploaded (nothing is
downloaded, no numpy).

They are meant to read as cloth, not clip-art: a woven ground whose threads go over and under
(jute's thick uneven yarn, or a finer handloom cotton), fibre noise streaked along the threads,
kantha running stitches that wander a little, a fold or two with their shadow, and light that
falls off towards the corners as under a window. Each piece gets its own colours and stitching,
as handmade pieces do. One 1000 px photo takes a few hundredths of a second: the test suite
draws the demo's once per run.
"""

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

PALETTES = [
    ("#b5452b", "#f2c14e", "#ede3d1"),  # madder red, turmeric thread
    ("#1f5f5b", "#e9b44c", "#e9e1d4"),  # indigo-teal, marigold
    ("#3b3561", "#ea8c55", "#ebe4da"),  # aubergine, saffron
    ("#6b8f3a", "#f4d35e", "#ece7da"),  # leaf, mustard
    ("#8c2f39", "#e0c097", "#efe8de"),  # alta red, jute
    ("#264653", "#e76f51", "#e8e0d4"),  # deep sea, terracotta
]
JUTE = "#b8955f"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))


def _shade(colour, factor: float):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def _streaks(size, along: str, rng, sigma=48, stretch=14):
    """Grey fibre noise, stretched along the threads (vertical or horizontal streaks)."""
    w, h = size
    small = (w, max(1, h // stretch)) if along == "vertical" else (max(1, w // stretch), h)
    noise = Image.effect_noise(small, sigma).resize(size, Image.BILINEAR)
    return noise.filter(ImageFilter.GaussianBlur(0.6))


def _weave_tile(pitch: int, colour, rng: random.Random, slub: float, threads: int = 24):
    """A square of plain weave, ``threads`` threads each way, that repeats seamlessly: every
    crossing shows the warp or the weft on top, each a small rounded thread lit from the top
    left, the yarn's thickness and tone varying (slubs) as hand-spun yarn does."""
    side = pitch * threads
    base = _rgb(colour)
    img = Image.new("RGB", (side, side), _shade(base, 0.55))  # the gaps between threads
    draw = ImageDraw.Draw(img)
    warp = [(pitch * (0.8 + rng.uniform(-slub, slub) * 0.5), 1.0 + rng.uniform(-0.08, 0.08))
            for _ in range(threads)]
    weft = [(pitch * (0.8 + rng.uniform(-slub, slub) * 0.5), 0.92 + rng.uniform(-0.08, 0.08))
            for _ in range(threads)]
    highlight = max(1, pitch // 6)
    for j in range(threads + 1):
        y = j * pitch
        for i in range(threads + 1):
            x = i * pitch
            if (i + j) % 2:  # warp over weft: a vertical lozenge
                width, tone = warp[i % threads]
                half, tone = width / 2, _shade(base, tone)
                draw.rounded_rectangle([x - half, y - pitch * 0.55, x + half, y + pitch * 0.55],
                                       radius=half, fill=tone)
                draw.line([x - half * 0.35, y - pitch * 0.4, x - half * 0.35, y + pitch * 0.3],
                          fill=_shade(tone, 1.18), width=highlight)
            else:  # weft over warp: a horizontal lozenge
                width, tone = weft[j % threads]
                half, tone = width / 2, _shade(base, tone)
                draw.rounded_rectangle([x - pitch * 0.55, y - half, x + pitch * 0.55, y + half],
                                       radius=half, fill=tone)
                draw.line([x - pitch * 0.4, y - half * 0.35, x + pitch * 0.3, y - half * 0.35],
                          fill=_shade(tone, 1.15), width=highlight)
    return img


def weave(size, colour, *, pitch: int, rng: random.Random, slub: float = 0.25) -> Image.Image:
    """A woven cloth of ``size``: a weave tile repeated, then fibre streaks along the warp and
    the weft laid over it, so no two threads look alike even where the tile repeats."""
    w, h = size
    tile = _weave_tile(pitch, colour, rng, slub)
    img = Image.new("RGB", size)
    for y in range(0, h, tile.height):
        for x in range(0, w, tile.width):
            img.paste(tile, (x, y))
    img = img.filter(ImageFilter.GaussianBlur(pitch / 9))
    fibre = ImageChops.add(_streaks(size, "vertical", rng), _streaks(size, "horizontal", rng), 2.0)
    fibre = Image.merge("RGB", [fibre] * 3)
    return Image.blend(img, ImageChops.overlay(img, fibre), 0.55)


def running_stitch(img, box, colour, rng, *, rows_apart: int, stitch: int, width: int):
    """Kantha: rows of running stitch, each stitch a short thread with a shadow, the rows
    wandering slightly, the gaps a little uneven, the way a hand stitches."""
    draw = ImageDraw.Draw(img)
    thread = _rgb(colour)
    x0, y0, x1, y1 = box

    def ground_at(x, y):
        return img.getpixel((min(int(x), img.width - 1), min(int(y), img.height - 1)))

    y = y0 + rows_apart / 2
    while y < y1:
        x = x0 + rng.uniform(0, stitch)
        drift = rng.uniform(-0.04, 0.04)
        while x < x1 - stitch:
            length = stitch * rng.uniform(0.8, 1.15)
            yy = y + (x - x0) * drift + rng.uniform(-0.8, 0.8)
            draw.rounded_rectangle([x + 1, yy - width / 2 + 2, x + length + 1, yy + width / 2 + 2],
                                   radius=width / 2, fill=_shade(ground_at(x, yy), 0.45))
            tone = _shade(thread, rng.uniform(0.88, 1.06))  # the thread twists: light varies
            draw.rounded_rectangle([x, yy - width / 2, x + length, yy + width / 2],
                                   radius=width / 2, fill=tone)
            draw.line([x + 2, yy - width / 3, x + length - 2, yy - width / 3],
                      fill=_shade(tone, 1.22), width=max(1, width // 3))
            x += length + stitch * rng.uniform(0.55, 0.85)  # the gap where the needle went under
        y += rows_apart * rng.uniform(0.9, 1.1)


def _fold_shading(size, rng, folds: int = 2) -> Image.Image:
    """A grey map (128 = unchanged) of soft folds: a lit ridge beside a shadowed valley. Drawn
    at a quarter of the size and enlarged: it is all blur, and blurring is the slow part."""
    w, h = size[0] // 4, size[1] // 4
    shade = Image.new("L", (w, h), 128)
    draw = ImageDraw.Draw(shade)
    for _ in range(folds):
        x = rng.uniform(0.2, 0.8) * w
        lean = rng.uniform(-0.12, 0.12) * w
        spread = rng.uniform(0.03, 0.06) * w
        draw.polygon([(x - spread, 0), (x, 0), (x + lean, h), (x + lean - spread, h)], fill=182)
        draw.polygon([(x, 0), (x + spread, 0), (x + lean + spread, h), (x + lean, h)], fill=74)
    return shade.filter(ImageFilter.GaussianBlur(w / 30)).resize(size, Image.BILINEAR)


def _light(img, fold_map=None, strength=0.55):
    """Window light: brighter at the top left, falling off to the corners; folds on top."""
    w, h = img.size
    falloff = Image.radial_gradient("L").crop((24, 16, 184, 176))  # centred up and to the left
    falloff = falloff.point(lambda v: int(255 - v * strength)).resize((w, h), Image.BILINEAR)
    if fold_map is not None:
        lit = ImageChops.overlay(img, Image.merge("RGB", [fold_map] * 3))
        img = Image.blend(img, lit, 0.8)
    return ImageChops.multiply(img, Image.merge("RGB", [falloff] * 3))


def _cloth_piece(size, colour, accent, rng, *, jute: bool):
    ground = weave(size, JUTE if jute else colour, pitch=rng.randint(11, 14) if jute else 6,
                   rng=rng, slub=0.45 if jute else 0.15)
    w, h = size
    if jute:
        # A printed or dyed band across the jute, the weave showing through it.
        band = Image.new("RGB", size, _rgb(colour))
        mask = Image.new("L", size, 0)
        ImageDraw.Draw(mask).rectangle([0, h * 0.28, w, h * 0.72], fill=200)
        ground = Image.composite(ImageChops.multiply(ground, band).point(lambda v: min(255, v * 2)),
                                 ground, mask.filter(ImageFilter.GaussianBlur(3)))
    running_stitch(ground, (w * 0.06, h * 0.06, w * 0.94, h * 0.94), accent, rng,
                   rows_apart=rng.randint(22, 30), stitch=rng.randint(12, 16), width=3)
    return ground


def _paste_shaped(canvas, piece, box, radius, shadow_offset=(14, 22)):
    """The cloth laid on the backdrop: cut to a soft-cornered shape, with a blurred shadow."""
    x0, y0, x1, y1 = (int(v) for v in box)
    mask = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle([x0, y0, x1, y1], radius=radius, fill=255)
    # The shadow is drawn small and enlarged (a blur of a big image is the slow part).
    small = (canvas.width // 4, canvas.height // 4)
    shadow = Image.new("L", small, 0)
    dx, dy = shadow_offset
    ImageDraw.Draw(shadow).rounded_rectangle(
        [(x0 + dx) / 4, (y0 + dy) / 4, (x1 + dx) / 4, (y1 + dy) / 4], radius=radius / 4, fill=120)
    shadow = shadow.filter(ImageFilter.GaussianBlur(4.5)).resize(canvas.size, Image.BILINEAR)
    canvas.paste((60, 45, 35), (0, 0), shadow)
    layer = Image.new("RGB", canvas.size)
    layer.paste(piece.resize((x1 - x0, y1 - y0)), (x0, y0))
    canvas.paste(layer, (0, 0), mask)


def _backdrop(size, colour, rng):
    """A linen-like table cloth under the piece, out of focus."""
    cloth = weave((size // 3, size // 3), colour, pitch=4, rng=rng, slub=0.1)
    return cloth.filter(ImageFilter.GaussianBlur(0.8)).resize((size, size), Image.BILINEAR)


def product_photo(kind: str, seed: int, size: int = 1000) -> bytes:
    """A JPEG of a tote bag or pouch laid on a table by a window."""
    rng = random.Random(seed)
    body, accent, backdrop = PALETTES[seed % len(PALETTES)]
    canvas = _backdrop(size, backdrop, rng)
    jute = seed % 3 == 1
    if kind == "pouch":
        box = (size * 0.17, size * 0.3, size * 0.83, size * 0.8)
        piece = _cloth_piece((int(box[2] - box[0]), int(box[3] - box[1])), body, accent, rng,
                             jute=jute)
        _paste_shaped(canvas, piece, box, radius=int(size * 0.05))
        # The zip: a dark tape with metal teeth, and its pull.
        draw = ImageDraw.Draw(canvas)
        zy = int(box[1] + size * 0.03)
        draw.rectangle([box[0] + 6, zy, box[2] - 6, zy + size * 0.022], fill="#3f342b")
        for x in range(int(box[0] + 14), int(box[2] - 14), 9):
            draw.line([x, zy + 3, x, zy + size * 0.019], fill="#c9b79a", width=3)
        draw.rounded_rectangle([box[2] - size * 0.09, zy - 8, box[2] - size * 0.055, zy + 40],
                               radius=8, fill="#b9a584", outline="#6d5c45", width=2)
    else:
        box = (size * 0.2, size * 0.33, size * 0.8, size * 0.88)
        # Handles: two webbing straps, drawn as thick arcs with a darker edge.
        draw = ImageDraw.Draw(canvas)
        strap = "#6d5238" if not jute else "#8a6a44"
        for hx in (0.3, 0.52):
            bbox = [size * hx, size * 0.12, size * (hx + 0.18), size * 0.56]
            draw.arc([b + 6 for b in bbox], start=185, end=355, fill="#3a2c20", width=int(size * 0.03))
            draw.arc(bbox, start=185, end=355, fill=strap, width=int(size * 0.028))
        piece = _cloth_piece((int(box[2] - box[0]), int(box[3] - box[1])), body, accent, rng,
                             jute=jute)
        _paste_shaped(canvas, piece, box, radius=int(size * 0.012))
        # The hem along the top, and the straps stitched onto the front with a box stitch.
        draw = ImageDraw.Draw(canvas)
        draw.line([box[0], box[1] + 30, box[2], box[1] + 30], fill=(40, 30, 25), width=2)
        sw = size * 0.028
        for hx in (0.3, 0.52):
            for sx in (size * hx + sw / 2, size * (hx + 0.18) - sw / 2):
                top, bottom = box[1] - 4, box[1] + size * 0.09
                draw.rectangle([sx - sw / 2 + 3, top + 5, sx + sw / 2 + 3, bottom + 5],
                               fill=(50, 38, 28))
                draw.rectangle([sx - sw / 2, top, sx + sw / 2, bottom], fill=strap)
                draw.rectangle([sx - sw / 2 + 4, bottom - sw, sx + sw / 2 - 4, bottom - 4],
                               outline=_rgb(accent), width=2)
                draw.line([sx - sw / 2 + 4, bottom - sw, sx + sw / 2 - 4, bottom - 4],
                          fill=_rgb(accent), width=2)
    photo = _light(canvas, _fold_shading(canvas.size, rng, folds=2))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=86)
    return out.getvalue()


def workbench_photo(seed: int, size: int = 800) -> bytes:
    """A maker's workbench from above: a kantha piece half stitched on jute, a spool of thread
    and a needle, no person in it. For makers whose photo of their hands is not (yet) shown."""
    rng = random.Random(1000 + seed)
    body, accent, backdrop = PALETTES[seed % len(PALETTES)]
    canvas = weave((size, size), JUTE, pitch=12, rng=rng, slub=0.45)
    # The piece being worked: cotton, stitched on its left part only.
    box = (size * 0.12, size * 0.18, size * 0.78, size * 0.8)
    piece = weave((int(box[2] - box[0]), int(box[3] - box[1])), body, pitch=6, rng=rng, slub=0.15)
    pw, ph = piece.size
    running_stitch(piece, (pw * 0.05, ph * 0.05, pw * 0.62, ph * 0.95), accent, rng,
                   rows_apart=24, stitch=14, width=3)
    _paste_shaped(canvas, piece, box, radius=10, shadow_offset=(8, 12))
    draw = ImageDraw.Draw(canvas)
    # The thread still in the cloth, running to the needle.
    thread = _rgb(accent)
    nx, ny = size * 0.58, size * 0.47
    draw.line([box[0] + pw * 0.62, ny, nx, ny - 4], fill=thread, width=3)
    draw.line([nx, ny - 4, nx + size * 0.12, ny - size * 0.05], fill=(70, 70, 75), width=3)
    draw.line([nx + 1, ny - 6, nx + size * 0.12, ny - size * 0.052], fill=(215, 215, 220), width=1)
    # A spool of thread: wooden ends and wound thread, with its shadow.
    sx, sy, r = size * 0.86, size * 0.3, size * 0.07
    draw.ellipse([sx - r + 10, sy - r + 14, sx + r + 10, sy + r + 14], fill=(70, 52, 38))
    draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(160, 120, 80))
    draw.ellipse([sx - r * 0.78, sy - r * 0.78, sx + r * 0.78, sy + r * 0.78], fill=thread)
    for k in range(6):
        rr = r * (0.75 - k * 0.07)
        draw.arc([sx - rr, sy - rr, sx + rr, sy + rr], 200, 340, fill=_shade(thread, 1.2), width=2)
    draw.ellipse([sx - r * 0.18, sy - r * 0.18, sx + r * 0.18, sy + r * 0.18], fill=(90, 66, 45))
    # Scissors would be clip-art; a second, folded piece at the edge reads as a workbench.
    box2 = (size * 0.7, size * 0.62, size * 1.05, size * 0.95)
    piece2 = weave((int(box2[2] - box2[0]), int(box2[3] - box2[1])), backdrop, pitch=6, rng=rng)
    _paste_shaped(canvas, piece2, box2, radius=6, shadow_offset=(6, 10))
    photo = _light(canvas, _fold_shading(canvas.size, rng, folds=1), strength=0.6)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=86)
    return out.getvalue()
