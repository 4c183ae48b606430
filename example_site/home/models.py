from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_feedback.blocks import feedback_block_counts, feedback_blocks


class HomePage(Page):
    """The site's root page. Its body is a StreamField editors fill with blocks,
    the feedback blocks among them (suggestion form, voting list, priorities, roadmap)."""

    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", icon="title", max_length=200)),
            ("paragraph", blocks.RichTextBlock(icon="pilcrow")),
            *feedback_blocks(),
        ],
        blank=True,
        block_counts=feedback_block_counts(),
    )

    content_panels = Page.content_panels + [FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"
