from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "news/blocks/quote.html"


class InlineImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=400)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "news/blocks/image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        label=_("Paragraph"),
        template="news/blocks/paragraph.html",
    )
    subhead = blocks.CharBlock(
        label=_("Subhead"), icon="title", template="news/blocks/subhead.html"
    )
    quote = QuoteBlock()
    image = InlineImageBlock()
