"""Post HTML into article blocks: cleaning, shortcodes, credits and teasers."""

from collections import Counter

import pytest

from redaktion.wordpress.content import html_to_blocks, split_credit, teaser_from


def convert(html, images=None):
    report = Counter()
    blocks = html_to_blocks(
        html,
        link_for=lambda href: None,
        image_for=lambda wp_id, src: (images or {}).get(wp_id),
        report=report,
    )
    return blocks, report


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Die Brücke bei Nacht. Foto: Max Müller",
            ("Die Brücke bei Nacht.", "Foto: Max Müller", ""),
        ),
        (
            "Demonstranten vor dem Rathaus. shutterstock/Ivan Petrov – CAMEO",
            ("Demonstranten vor dem Rathaus.", "shutterstock/Ivan Petrov – CAMEO", "shutterstock"),
        ),
        ("Der Stadtwald im Herbst. © Anna Berg", ("Der Stadtwald im Herbst.", "© Anna Berg", "")),
        ("<em>Bild:</em> dpa", ("", "Bild: dpa", "")),
        ("Ein Bild ohne Nachweis", ("Ein Bild ohne Nachweis", "", "")),
    ],
)
def test_credit_is_split_from_the_caption(caption, expected):
    """„Foto: …“, "shutterstock/… – CAMEO" and "© …" end up in the credit, the rest stays."""
    assert split_credit(caption) == expected


def test_scripts_styles_and_block_comments_never_survive():
    """Scripts, inline styles and Gutenberg comments are gone; the report counts them."""
    blocks, report = convert(
        '<!-- wp:paragraph --><p style="color:red" onclick="x()">Text</p><!-- /wp:paragraph -->'
        "<script>alert(1)</script><!--more--><p>Weiter</p><!--nextpage--><p>Ende</p>"
    )
    assert blocks == [
        {"type": "paragraph", "value": "<p>Text</p>"},
        {"type": "paragraph", "value": "<p>Weiter</p>"},
        {"type": "paragraph", "value": "<p>Ende</p>"},
    ]
    assert report["scripts removed"] == 1
    assert report["inline styles dropped"] == 1
    assert report["Gutenberg block comments removed"] == 2
    assert report["<!--more--> removed"] == 1
    assert report["<!--nextpage--> removed (pages joined)"] == 1


def test_classic_text_becomes_paragraphs_subheads_and_quotes():
    """Blank lines make paragraphs; h2-h4 become subheads; blockquote keeps its attribution."""
    blocks, _report = convert(
        "Erster Absatz\nmit Umbruch.\n\n<h3>Zwischentitel</h3>\n\n"
        "<blockquote><p>„Wir bauen neu.“</p><cite>Frau Kühn</cite></blockquote>\n\n"
        'Mit <strong>fett</strong>, <em>kursiv</em> und <a href="https://example.org/">Link</a>.'
    )
    assert blocks == [
        {"type": "paragraph", "value": "<p>Erster Absatz<br/>mit Umbruch.</p>"},
        {"type": "subhead", "value": "Zwischentitel"},
        {"type": "quote", "value": {"text": "„Wir bauen neu.“", "attribution": "Frau Kühn"}},
        {
            "type": "paragraph",
            "value": '<p>Mit <b>fett</b>, <i>kursiv</i> und <a href="https://example.org/">Link</a>.</p>',
        },
    ]


def test_shortcodes_are_converted_or_removed_and_reported():
    """[caption] and [gallery] become images, [embed]/[audio]/[video] links, unknown ones go."""
    blocks, report = convert(
        '[caption id="attachment_7"]<img class="wp-image-7" src="https://x/a.jpg"> Am See. Foto: Ina Ott[/caption]\n\n'
        '[gallery ids="8,9"]\n\n[embed]https://video.example/v/1[/embed]\n\n'
        '[video mp4="https://x/film.mp4"][/video]\n\n[umfrage id="3"]Ihre Meinung?[/umfrage]\n\n'
        "[[literal]]",
        images={7: 70, 8: 80},
    )
    assert blocks[0] == {"type": "image", "value": {"image": 70, "caption": "Am See."}}
    assert blocks[1] == {"type": "image", "value": {"image": 80, "caption": ""}}
    assert '<a href="https://video.example/v/1">' in blocks[2]["value"]
    assert '<a href="https://x/film.mp4">' in blocks[3]["value"]
    assert blocks[4] == {"type": "paragraph", "value": "<p>Ihre Meinung?</p>"}
    assert blocks[5] == {"type": "paragraph", "value": "<p>[literal]</p>"}
    assert report["shortcode [caption] converted"] == 1
    assert report["shortcode [gallery] converted"] == 1
    assert report["shortcode [embed] converted to a link"] == 1
    assert report["shortcode [video] converted to a link"] == 1
    assert report["shortcode [umfrage] removed"] == 1
    assert report["inline images not imported"] == 1  # image 9 is not there


def test_bare_url_line_is_a_link_not_an_embed():
    """oEmbed lines load nothing from another host: they become plain links."""
    blocks, _report = convert("Vorher.\n\nhttps://www.youtube.com/watch?v=abc\n\nNachher.")
    assert blocks[1]["value"] == (
        '<p><a href="https://www.youtube.com/watch?v=abc">https://www.youtube.com/watch?v=abc</a></p>'
    )
    assert "iframe" not in str(blocks)


def test_teaser_prefers_the_excerpt_then_first_sentences():
    """The excerpt is the teaser; without one, whole sentences from the body up to 300 characters."""
    assert teaser_from("<p>Der Vorspann.</p>", "Text.") == "Der Vorspann."
    body = "Erster Satz. " + "Zweiter Satz ist länger. " * 30
    teaser = teaser_from("", body)
    assert teaser.startswith("Erster Satz. Zweiter Satz ist länger.")
    assert teaser.endswith(".")
    assert len(teaser) <= 300
