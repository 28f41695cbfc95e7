"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a generator for
Django's syndication framework: a feed class sets `feed_type` to it and gets
the same items, links and ids as its Atom and RSS siblings."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.feedgenerator import SyndicationFeed, rfc3339_date

from embassy.text import clean_output


class JsonFeedGenerator(SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        # An HttpResponse encodes what it is given in its charset (UTF-8).
        text = json.dumps(
            clean_output(self.feed_dict()), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1
        )
        outfile.write(text)

    def feed_dict(self):
        feed = self.feed
        data = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "authors": [{"name": feed["author_name"]}] if feed.get("author_name") else [],
            "items": [self.item_dict(item) for item in self.items],
        }
        return {key: value for key, value in data.items() if value not in (None, "")}

    def item_dict(self, item):
        data = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item.get("content") or item["description"] or "",
            "summary": item.get("summary") or None,
            "date_published": item["pubdate"] and rfc3339_date(item["pubdate"]),
            "date_modified": item["updateddate"] and rfc3339_date(item["updateddate"]),
            "tags": list(item["categories"] or []) or None,
            "authors": [{"name": name, "url": url} for name, url in item.get("speakers", [])]
            or None,
        }
        return {key: value for key, value in data.items() if value is not None}
