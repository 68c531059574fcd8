"""Pages of a listing that never count the whole listing: a count grows with the archive."""

from django.http import Http404

MAX_PAGE = 10_000


class ListingPage:
    def __init__(self, queryset, number, per_page):
        self.number = number
        offset = (number - 1) * per_page
        items = list(queryset[offset : offset + per_page + 1])
        self.has_next = len(items) > per_page
        self.object_list = items[:per_page]

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def listing_page(queryset, number, *, per_page):
    """Page ``number`` (from the query string, any junk allowed) of ``queryset``; 404 past the end."""
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= MAX_PAGE:
        raise Http404
    page = ListingPage(queryset, number, per_page)
    if number > 1 and not page.object_list:
        raise Http404
    return page
