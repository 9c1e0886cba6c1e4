"""The cases' lead image: tiles of their goals in the UN's colours, drawn here (no third-party
rights), named by the goals it shows."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from taxonomy.models import SDGGoal

from .markup import join_danish
from .records import ensure

# The lead image -----------------------------------------------------------------------------


def goal_tiles_alt_text(goal_list: list[SDGGoal]) -> str:
    named = [f"{goal.number} ({goal.title_da})" for goal in goal_list]
    return f"Farvefelter for verdensmål {join_danish(named)} med målenes numre i FN's farver"


def draw_goal_tiles(goal_list: list[SDGGoal]) -> bytes:
    """A 16:9 PNG with one band per goal in its official colour and its number in the middle."""
    width, height = 960, 540
    band = width // len(goal_list)
    canvas = PillowImage.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=160)
    for position, goal in enumerate(goal_list):
        left = position * band
        draw.rectangle([left, 0, left + band, height], fill=goal.colour)
        draw.text(
            (left + band / 2, height / 2),
            str(goal.number),
            fill=goal.text_colour,
            font=font,
            anchor="mm",
        )
    output = io.BytesIO()
    canvas.save(output, format="PNG")
    return output.getvalue()


def ensure_goal_tiles_image(goal_list: list[SDGGoal]):
    """Self-made (no third-party rights), made once; None if an editor deleted it."""
    image_model = get_image_model()
    numbers = [str(goal.number) for goal in goal_list]
    title = f"Verdensmål {join_danish(numbers)}"
    return ensure(
        f"image:{title}",
        find=lambda: image_model.objects.filter(title=title).first(),
        create=lambda: image_model.objects.create(
            title=title,
            file=ImageFile(
                io.BytesIO(draw_goal_tiles(goal_list)),
                name=f"verdensmaal-{'-'.join(numbers)}.png",
            ),
            collection=Collection.get_first_root_node(),
        ),
    )
