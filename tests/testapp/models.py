from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_feedback.blocks import feedback_block_counts, feedback_blocks


class BlocksTestPage(Page):
    """Any Wagtail page with a StreamField that offers the feedback blocks."""

    body = StreamField(
        [("paragraph", blocks.RichTextBlock()), *feedback_blocks()],
        blank=True,
        block_counts=feedback_block_counts(),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
