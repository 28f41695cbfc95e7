"""The import: Joomla rows in, releases, topics, offices and old addresses out.

`run_import()` does it all in one transaction (a failure imports nothing;
a dry run rolls back at the end) and returns the report. Each row is saved
in a savepoint of its own, so that a bad row becomes a report line and the
rest goes on. `ImportedItem` remembers which row became which object, with
two fingerprints: of the Joomla row (changed there: update) and of our
object (changed in our admin since: keep it and say so)."""

import hashlib
import html
import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import phonenumbers
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from contacts.models import ContactKind, ContactPoint, Office
from embassy.text import plain_text
from files.inline import image_tag
from files.storage import all_or_nothing
from releases.models import PublicationStatus, Release, Topic

from . import content
from .addresses import key_of_url, query_key
from .models import ImportedItem, LegacyAddress
from .report import Report

PUBLISHED, UNPUBLISHED, ARCHIVED, TRASHED = 1, 0, 2, -2
# The labels of imported contact points, stored in every language.
POINT_LABELS = {
    "telephone": _("Telephone"),
    "mobile": _("Mobile"),
    "fax": _("Fax"),
    "website": _("Website"),
    "email": _("E-mail"),
}
# Fields that change on every save or are derived: not part of "edited here".
UNTRACKED_FIELDS = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "first_published_at",
    "withdrawn_at",
    "source_fingerprint",
    "translation_fingerprints",
    "image_width",
    "image_height",
}


class DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


def run_import(source, *, mapping, images_root=None, dry_run=False, progress=None, old_sites=()):
    report = Report(joomla_version=source.version["full"], dry_run=dry_run)
    importer = Importer(source, mapping, images_root, report, progress, old_sites)
    try:
        with all_or_nothing(), transaction.atomic():
            importer.run()
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    return report


def fingerprint(data):
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def object_fingerprint(obj):
    """Our object as an editor could have changed it (with its topics or
    contact points, which the admin edits on the same page)."""
    data = {
        field.attname: field.value_from_object(obj)
        for field in obj._meta.concrete_fields
        if field.attname not in UNTRACKED_FIELDS
    }
    if isinstance(obj, Release):
        data["topics"] = sorted(obj.topics.values_list("pk", flat=True))
    if isinstance(obj, Office):
        data["points"] = list(
            obj.contact_points.order_by("pk").values_list("kind", "label", "phone", "email", "url")
        )
    return fingerprint(data)


def language_column(field, language):
    return f"{field}_{language}"


class Importer:
    def __init__(self, source, mapping, images_root, report, progress=None, old_sites=()):
        self.source = source
        # The old site's own addresses written in full ("https://host/base/…"):
        # its links and images, to be treated like relative ones.
        self.old_sites = [content.site_prefix(url) for url in old_sites if url.strip()]
        self.mapping = mapping
        self.images_root = Path(images_root).resolve() if images_root else None
        self.report = report
        self.progress = progress or (lambda stage, done, total: None)
        self.site_languages = [code for code, _name in settings.LANGUAGES]
        self.default_language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        self.items = {
            (item.source_table, item.joomla_id): item for item in ImportedItem.objects.all()
        }
        self.stored_images = {}
        self.image_sizes = {}  # storage name -> (width, height)
        # Where each Joomla thing now lives, for the old addresses.
        self.article_targets = {}  # article id -> (release, language)
        self.category_targets = {}  # category id -> (path, language or None)
        self.contact_targets = {}  # contact id -> (path, language or None)
        self.kept_here = set()  # pks of objects edited here: the import leaves them

    def run(self):
        self.load_languages()
        self.import_categories()
        self.import_tags()
        self.import_articles()
        self.import_contacts()
        self.import_addresses()
        self.rewrite_article_links()

    # --- languages --------------------------------------------------------

    def load_languages(self):
        self.sef_by_code = {}
        for row in self.source.rows("languages"):
            self.sef_by_code[row["lang_code"]] = (row["sef"] or "").lower()

    def our_language(self, lang_code):
        """ "ru-RU" → "ru"; "*" (all languages) → the site's default; None
        for a language the site does not have."""
        if not lang_code or lang_code == "*":
            return self.default_language
        code = lang_code.split("-")[0].lower()
        return code if code in self.site_languages else None

    # --- the generic part: one object per Joomla row (or group of rows) ----

    def upsert(self, what, keys, model, source_data, build):
        """Create or update the object of the Joomla rows `keys` ((table,
        id, language) each). `build(obj)` sets its fields and saves it.
        Returns the object, or None when the row could not be saved."""
        source_fp = fingerprint(source_data)
        existing = [self.items[key[:2]] for key in keys if key[:2] in self.items]
        obj = None
        if existing:
            obj = model._default_manager.filter(pk=existing[0].object_id).first()
            if obj is None:
                self.report.warn(
                    "deleted here",
                    f"{what} was deleted on this site since the last import; not made again.",
                    *keys[0][:2],
                )
                self.report.count(what, "skipped")
                return None
            if object_fingerprint(obj) != existing[0].target_fingerprint:
                self.report.warn(
                    "edited here",
                    f"{what} “{obj}” was edited on this site since the last import; "
                    "kept as it is, Joomla's changes not applied.",
                    *keys[0][:2],
                )
                self.report.count(what, "kept")
                self.kept_here.add((model, obj.pk))
                return obj
            if len(existing) == len(keys) and all(
                item.source_fingerprint == source_fp for item in existing
            ):
                self.report.count(what, "unchanged")
                return obj
        outcome = "updated" if obj is not None else "created"
        try:
            with transaction.atomic():
                obj = build(obj or model())
                self.remember(keys, obj, source_fp)
        except (DatabaseError, ValueError) as error:
            self.report.warn("not saved", f"{what} could not be saved: {error}", *keys[0][:2])
            self.report.count(what, "skipped")
            return None
        self.report.count(what, outcome)
        return obj

    def remember(self, keys, obj, source_fp):
        content_type = ContentType.objects.get_for_model(obj)
        target_fp = object_fingerprint(obj)
        for table, joomla_id, language in keys:
            item, _created = ImportedItem.objects.update_or_create(
                source_table=table,
                joomla_id=joomla_id,
                defaults={
                    "language": language or "",
                    "content_type": content_type,
                    "object_id": obj.pk,
                    "source_fingerprint": source_fp,
                    "target_fingerprint": target_fp,
                },
            )
            self.items[(table, joomla_id)] = item

    def unique_slug(self, model, base, pk=None, fallback="item", **scope):
        base = (slugify(base)[:90] or fallback).strip("-") or fallback
        slug, number = base, 2
        while model._default_manager.filter(slug=slug, **scope).exclude(pk=pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    # --- categories and tags -> topics -------------------------------------

    def import_categories(self):
        """Each category gives a topic (one per set of translated categories,
        Joomla's com_categories.item associations), or none, per the mapping."""
        rows = self.source.rows(
            "categories", where="extension = 'com_content' AND published <> -2", order="lft"
        )
        self.categories = {row["id"]: row for row in rows}
        self.category_topics = {}
        groups = self.translation_groups("com_categories.item", self.categories)
        for number, group in enumerate(groups, start=1):
            self.progress("categories", number, len(groups))
            primary = group[0][0]
            choice = self.mapping.topic_for(primary)
            topic = None
            if choice is True:
                topic = self.topic_for_rows("categories", group)
            elif isinstance(choice, str):
                topic = Topic.objects.filter(slug=choice).first() or self.topic_for_rows(
                    "categories", group, slug=choice
                )
            for row, _language in group:
                self.category_topics[row["id"]] = topic
                self.category_targets[row["id"]] = self.category_target(row, topic)

    def category_target(self, row, topic):
        """Its topic's page, or else the list of releases of its kind."""
        language = self.our_language(row["language"]) if row["language"] != "*" else None
        if topic is not None:
            return topic.get_absolute_url, language
        kind = self.mapping.kind_for(row, self.categories)
        return (lambda: reverse("releases:index") + f"?kind={kind}"), language

    def import_tags(self):
        rows = self.source.rows("tags", where="published <> -2 AND parent_id <> 0")
        self.tag_topics = {}
        for number, row in enumerate(rows, start=1):
            self.progress("tags", number, len(rows))
            self.tag_topics[row["id"]] = self.topic_for_rows(
                "tags", [(row, self.our_language(row["language"]))]
            )
        self.article_tags = defaultdict(list)
        for row in self.source.rows(
            "contentitem_tag_map", where="type_alias = 'com_content.article'"
        ):
            if row["tag_id"] in self.tag_topics:
                self.article_tags[row["content_item_id"]].append(row["tag_id"])

    def topic_for_rows(self, table, group, slug=None):
        """The topic of a category or tag, named in each of its languages."""
        group = [(row, language or self.default_language) for row, language in group]
        primary = group[0][0]

        def build(topic):
            for row, language in group:
                setattr(topic, language_column("name", language), row["title"][:100])
            topic.name_en = topic.name_en or primary["title"][:100]
            if not topic.slug:
                topic.slug = self.unique_slug(
                    Topic,
                    slug or primary["alias"] or primary["title"],
                    topic.pk,
                    f"topic-{primary['id']}",
                )
            topic.save()
            return topic

        keys = [(table, row["id"], language) for row, language in group]
        data = [(row["title"], row["alias"], row["language"]) for row, _language in group]
        return self.upsert("topics", keys, Topic, data, build)

    # --- articles -> releases ------------------------------------------------

    def import_articles(self):
        rows = self.source.rows("content", order="id")
        by_id = {row["id"]: row for row in rows}
        for row in rows:
            if row["state"] == TRASHED:
                self.report.warn(
                    "trashed",
                    f"“{row['title']}” is in the trash: not imported.",
                    "content",
                    row["id"],
                )
                self.report.count("articles", "skipped")
                self.report.unmapped(
                    query_key({"option": "com_content", "view": "article", "id": str(row["id"])}),
                    f"trashed article {row['id']}",
                )
        live = {i: row for i, row in by_id.items() if row["state"] != TRASHED}
        groups = self.translation_groups("com_content.item", live)
        for number, group in enumerate(groups, start=1):
            self.progress("articles", number, len(groups))
            self.import_release(group)

    def translation_groups(self, context, rows_by_id):
        """Lists of rows that are translations of each other (Joomla's
        associations), the site's default language first. A row in a
        language the site does not have, or a second row in one language,
        becomes a group of its own and is reported."""
        keys = {}
        for row in self.source.rows("associations", where="context = %s", params=(context,)):
            keys[row["id"]] = row["key"]
        grouped = defaultdict(list)
        for joomla_id, row in rows_by_id.items():
            grouped[keys.get(joomla_id, f"single-{joomla_id}")].append(row)
        groups = []
        for members in grouped.values():
            kept, languages = [], set()
            for row in sorted(members, key=lambda r: r["id"]):
                language = self.our_language(row["language"])
                if language is None or language in languages:
                    groups.append([(row, None)])
                    continue
                languages.add(language)
                kept.append((row, language))
            kept.sort(key=lambda pair: (pair[1] != self.default_language, pair[0]["id"]))
            if kept:
                groups.append(kept)
        return sorted(groups, key=lambda group: group[0][0]["id"])

    def import_release(self, group):
        primary, primary_language = group[0]
        if primary_language is None:
            self.report.warn(
                "unmapped language",
                f"“{primary['title']}” is in {primary['language']}, which this site does not "
                "have: imported as a draft, its text in the English fields.",
                "content",
                primary["id"],
            )
            group = [(primary, self.default_language)]
        elif primary_language != self.default_language:
            self.report.warn(
                "no English version",
                f"“{primary['title']}” has no English version: its {primary_language} text "
                "also fills the English fields, for the English page.",
                "content",
                primary["id"],
            )
            group = [(primary, self.default_language), *group]
        texts = [(row, language, self.article_text(row)) for row, language in group]
        keys = [("content", row["id"], language) for row, language in group]
        # The same row may fill two languages; remember it once.
        keys = list({key[:2]: key for key in reversed(keys)}.values())
        source_data = [
            {k: v for k, v in row.items() if k not in ("hits", "checked_out", "checked_out_time")}
            for row, _l in group
        ] + [self.article_tags.get(row["id"], []) for row, _l in group]
        release = self.upsert(
            "releases",
            keys,
            Release,
            source_data,
            lambda release: self.build_release(release, texts, primary_language is None),
        )
        if release is not None:
            for row, language in group:
                self.article_targets.setdefault(row["id"], (release, language))

    def article_text(self, row):
        """Title, summary, body, place, date and source of one article."""
        table, joomla_id = "content", row["id"]
        intro, full = row["introtext"] or "", row["fulltext"] or ""
        # The dateline opens the intro: out of the summary and the body alike.
        intro, body_place, body_date = content.split_body_dateline(intro)
        body = intro + full
        if content.is_broken_html(body):
            self.report.warn(
                "broken HTML",
                "Unclosed or misnested tags, repaired: check the page.",
                table,
                joomla_id,
            )
        body, tags = content.strip_plugin_tags(body)
        if tags:
            self.report.plugin_tags.update(tags)
            self.report.warn("plugin tags", f"Removed {', '.join(tags)}.", table, joomla_id)
        body, cloaks = content.strip_cloak(body)
        if cloaks:
            self.report.warn(
                "e-mail cloak",
                "Removed the e-mail cloak's notice; the addresses come from the contacts.",
                table,
                joomla_id,
            )
        title, place, date = content.split_title_dateline(row["title"])
        body, source_name, source_url = content.split_source(body)
        images = self.article_images(row)
        body, inline_lead = self.rewrite_inline_images(body, row, want_lead=not images["lead"])
        return {
            "title": title[:300],
            "summary": content.summary_from(intro, bool(full.strip())),
            "body": body,
            "place": (place or body_place)[:100],
            "date": date or body_date,
            "source_name": source_name,
            "source_url": source_url,
            "lead": images["lead"] or inline_lead,
            "image_alt": images["alt"] or (inline_lead or {}).get("alt", ""),
            "image_caption": images["caption"],
        }

    def build_release(self, release, texts, unmapped):
        primary, _language, first = texts[0]
        release.kind = self.release_kind(primary)
        release.status, release.published_at, release.unpublish_at = self.publication(
            primary, [row for row, _l, _t in texts], unmapped
        )
        release.date = (
            first["date"]
            or timezone.localtime(
                release.published_at or self.created(primary) or timezone.now()
            ).date()
        )
        release.source_url = next((t["source_url"] for _r, _l, t in texts if t["source_url"]), "")
        for _row, language, text in texts:
            for field in ("title", "summary", "body", "place", "source_name"):
                setattr(release, language_column(field, language), text[field])
        if release.source_url and not release.source_name_en:
            release.source_name_en = next(
                t["source_name"] for _r, _l, t in texts if t["source_name"]
            )
        self.set_lead_image(release, texts)
        wanted = primary["alias"] or first["title"]
        slug = self.unique_slug(
            Release, wanted, release.pk, f"article-{primary['id']}", date=release.date
        )
        if slug != (slugify(wanted)[:90] or f"article-{primary['id']}") and release.slug != slug:
            self.report.warn(
                "alias clash",
                f"Another text of {release.date} has the address "
                f"“{slugify(wanted)}”; this one is “{slug}”.",
                "content",
                primary["id"],
            )
        release.slug = release.slug if release.slug and release.pk else slug
        release.save()
        release.topics.set(self.release_topics([row for row, _l, _t in texts]))
        return release

    def release_kind(self, row):
        category = self.categories.get(row["catid"])
        if category is None:
            self.report.warn(
                "unknown category",
                f"Category {row['catid']} does not exist: "
                f"given the default kind “{self.mapping.default_kind}”.",
                "content",
                row["id"],
            )
            return self.mapping.default_kind
        return self.mapping.kind_for(category, self.categories)

    def release_topics(self, rows):
        topics = set()
        for row in rows:
            topic = self.category_topics.get(row["catid"])
            if topic is not None:
                topics.add(topic.pk)
            for tag_id in self.article_tags.get(row["id"], []):
                if self.tag_topics.get(tag_id) is not None:
                    topics.add(self.tag_topics[tag_id].pk)
        return sorted(topics)

    def created(self, row):
        return self.source_datetime(row, "created")

    def source_datetime(self, row, column):
        from .source import joomla_datetime

        value = joomla_datetime(row.get(column))
        # A zero end of publication is Joomla 3's "never": nothing to say.
        if value is None and isinstance(row.get(column), str) and column != "publish_down":
            self.report.warn(
                "zero date", f"{column} is {row[column]!r}: no date.", "content", row["id"]
            )
        return value

    def publication(self, primary, rows, unmapped):
        """(status, publication time, end of publication). Published and
        archived stay public; unpublished becomes a draft. Any public
        translation makes the release public."""
        states = {row["state"] for row in rows}
        public = bool(states & {PUBLISHED, ARCHIVED}) and not unmapped
        status = PublicationStatus.PUBLISHED if public else PublicationStatus.DRAFT
        published_at = self.source_datetime(primary, "publish_up") or self.created(primary)
        if public and published_at is None:
            published_at = self.source_datetime(primary, "modified") or timezone.now()
            self.report.warn(
                "zero date",
                f"No publication or creation date: published as of {published_at:%Y-%m-%d}.",
                "content",
                primary["id"],
            )
        unpublish_at = self.source_datetime(primary, "publish_down")
        if unpublish_at and published_at and unpublish_at <= published_at:
            self.report.warn(
                "bad dates",
                "The end of publication is before its start: ignored.",
                "content",
                primary["id"],
            )
            unpublish_at = None
        return status, published_at, unpublish_at

    # --- images ----------------------------------------------------------------

    def article_images(self, row):
        """The lead image from the `images` JSON (the full-text image, or
        else the intro image) and this language's alt text and caption:
        a translation may describe the image without naming the file."""
        try:
            data = json.loads(row.get("images") or "{}") or {}
        except ValueError:
            data = {}
        found = {"lead": None, "alt": "", "caption": ""}
        for which in ("fulltext", "intro"):
            alt = (data.get(f"image_{which}_alt") or "")[:250]
            caption = (data.get(f"image_{which}_caption") or "")[:300]
            found["alt"] = found["alt"] or alt
            found["caption"] = found["caption"] or caption
            path = content.joomla_image_path(data.get(f"image_{which}"))
            if path and found["lead"] is None:
                stored = self.store_image(path, "content", row["id"])
                if stored:
                    found["lead"] = {"name": stored, "alt": alt, "caption": caption}
        return found

    def rewrite_inline_images(self, body, row, want_lead):
        """Copy the text's images into media storage. The first becomes the
        lead image when the article has none; the others stay images of the
        text, where they were, with their alt text and size. An image that
        cannot be copied leaves its alt text."""
        lead = None
        for tag, src, alt in content.images_in(body):
            stored = self.store_image(src, "content", row["id"])
            if stored and want_lead and lead is None:
                lead = {"name": stored, "alt": alt[:250], "caption": ""}
                body = body.replace(tag, "", 1)
            elif stored:
                if not alt.strip():
                    self.report.warn(
                        "image without description",
                        f"{src[:200]} in the text has no alt text: describe it.",
                        "content",
                        row["id"],
                    )
                width, height = self.image_sizes.get(stored, (None, None))
                body = body.replace(tag, image_tag(stored, alt[:250], width, height), 1)
            else:
                body = body.replace(tag, html.escape(alt), 1)
        return body, lead

    def store_image(self, src, table, joomla_id):
        """The storage name of a Joomla image, copied once (named by its
        content, so a second import finds it), or None, reported."""
        parts = urlsplit(self.own_address(src))
        if parts.scheme in ("http", "https", "data") or parts.netloc:
            self.report.warn("external image", f"Not copied: {src[:200]}", table, joomla_id)
            return None
        relative = parts.path.lstrip("/")
        if relative in self.stored_images:
            return self.stored_images[relative]
        if self.images_root is None:
            self.report.warn(
                "image not copied", f"{relative}: no --images folder given.", table, joomla_id
            )
            return None
        path = (self.images_root / relative).resolve()
        if not path.is_relative_to(self.images_root) or not path.is_file():
            self.report.warn(
                "missing image", f"{relative} is not in {self.images_root}.", table, joomla_id
            )
            self.stored_images[relative] = None
            return None
        data = path.read_bytes()
        try:
            with Image.open(path) as image:
                image.verify()
                size = image.size
        except (UnidentifiedImageError, OSError, SyntaxError):
            self.report.warn(
                "not an image", f"{relative} is not a readable image.", table, joomla_id
            )
            self.stored_images[relative] = None
            return None
        digest = hashlib.sha256(data).hexdigest()[:24]
        name = f"joomla/{digest}/{slugify(path.stem) or 'image'}{path.suffix.lower()}"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(data))
            self.report.count("images", "copied")
        self.stored_images[relative] = name
        self.image_sizes[name] = size
        return name

    def set_lead_image(self, release, texts):
        lead = next((t["lead"] for _r, _l, t in texts if t["lead"]), None)
        if lead is None:
            return
        if release.image.name != lead["name"]:
            release.image = lead["name"]
        for _row, language, text in texts:
            alt = text["image_alt"] or lead["alt"] or text["image_caption"] or lead["caption"]
            setattr(release, language_column("image_alt", language), alt)
            setattr(release, language_column("image_caption", language), text["image_caption"])
        if not release.image_alt_en:
            release.image_alt_en = release.title_en[:250]
            self.report.warn(
                "image without description",
                "The lead image had no alt text: the title stands in; describe the image.",
                "content",
                texts[0][0]["id"],
            )

    # --- contacts -> offices and contact points --------------------------------

    def import_contacts(self):
        rows = {row["id"]: row for row in self.source.rows("contact_details", order="id")}
        for row in rows.values():
            if row["published"] == TRASHED:
                self.report.warn(
                    "trashed",
                    f"Contact “{row['name']}” is in the trash: not imported.",
                    "contact_details",
                    row["id"],
                )
                self.report.count("offices", "skipped")
        live = {i: row for i, row in rows.items() if row["published"] != TRASHED}
        groups = self.translation_groups("com_contact.item", live)
        for number, group in enumerate(groups, start=1):
            self.progress("contacts", number, len(groups))
            group = [(row, language or self.default_language) for row, language in group]
            keys = [("contact_details", row["id"], language) for row, language in group]
            office = self.upsert(
                "offices",
                keys,
                Office,
                [
                    {
                        k: v
                        for k, v in row.items()
                        if k not in ("hits", "checked_out", "checked_out_time")
                    }
                    for row, _l in group
                ],
                lambda office, group=group: self.build_office(office, group),
            )
            if office is not None:
                for row, language in group:
                    self.contact_targets[row["id"]] = (office.get_absolute_url, language)

    def build_office(self, office, group):
        primary = group[0][0]
        for row, language in group:
            lines = [line.strip(" ,") for line in (row["address"] or "").splitlines()]
            lines = [line for line in lines if line]
            values = {
                "name": row["name"],
                "address_line_1": lines[0] if lines else "",
                "address_line_2": ", ".join(lines[1:]),
                "locality": row["state"] or "",
                "city": row["suburb"] or "",
                "country": row["country"] or "",
                "visitor_notes": " ".join(
                    content.strip_cloak(plain_text(row["misc"] or ""))[0].split()
                ),
            }
            for field, value in values.items():
                setattr(
                    office,
                    language_column(field, language),
                    value[:200] if field != "visitor_notes" else value,
                )
        if not office.city_en or not office.address_line_1_en:
            self.report.warn(
                "incomplete address",
                f"Contact “{primary['name']}” has no street or town: fill them in.",
                "contact_details",
                primary["id"],
            )
        office.postal_code = (primary["postcode"] or "")[:20]
        office.kind = office.kind or self.mapping.office_kind
        office.is_active = primary["published"] == PUBLISHED
        office.order = max(primary["ordering"] or 0, 0)
        if not office.slug:
            office.slug = self.unique_slug(
                Office, primary["alias"] or primary["name"], None, f"office-{primary['id']}"
            )
        office.save()
        office.contact_points.all().delete()
        for order, point in enumerate(self.contact_points(primary)):
            point.office, point.order = office, order
            point.save()
        return office

    def contact_points(self, row):
        """The numbers, the website and the e-mail address of a contact: the
        real address from `email_to`, protected from harvesters."""
        emergency = "emergency" in f"{row['name']} {row['con_position'] or ''}".lower()
        phone_kind = ContactKind.EMERGENCY if emergency else ContactKind.TELEPHONE
        points = []
        for column, kind, label in (
            ("telephone", phone_kind, "telephone"),
            ("mobile", phone_kind, "mobile"),
            ("fax", ContactKind.FAX, "fax"),
        ):
            for number in self.phone_numbers(row, column):
                points.append(self.point(kind, label, phone=number))
        if (row["webpage"] or "").startswith(("http://", "https://")):
            points.append(self.point(ContactKind.WEBSITE, "website", url=row["webpage"][:200]))
        for address in (row["email_to"] or "").replace(";", ",").split(","):
            if "@" in address:
                points.append(
                    self.point(ContactKind.EMAIL, "email", email=address.strip(), is_protected=True)
                )
        return points

    def point(self, kind, label, **values):
        point = ContactPoint(kind=kind, **values)
        for language in self.site_languages:
            with translation.override(language):
                setattr(point, language_column("label", language), str(POINT_LABELS[label]))
        return point

    def phone_numbers(self, row, column):
        """E.164 numbers from a Joomla phone field, which may hold several:
        "(91-11) 2611-0640/41/42; (91-11) 2687 38 02"."""
        numbers = []
        region = settings.PHONENUMBER_DEFAULT_REGION
        for part in (row[column] or "").replace(",", ";").replace("\n", ";").split(";"):
            main, *endings = [piece.strip() for piece in part.split("/")]
            if not main:
                continue
            variants = [main] + [
                main[: -len(ending)] + ending for ending in endings if ending.isdigit()
            ]
            for variant in variants:
                try:
                    parsed = phonenumbers.parse(variant, region)
                except phonenumbers.NumberParseException:
                    parsed = None
                if parsed is None or not phonenumbers.is_valid_number(parsed):
                    self.report.warn(
                        "bad number",
                        f"{column} “{variant}” is not a valid number: left out.",
                        "contact_details",
                        row["id"],
                    )
                    continue
                numbers.append(
                    phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                )
        return numbers

    # --- old addresses ------------------------------------------------------------

    def import_addresses(self):
        """Every old address we can work out, to its new page."""
        self.addresses = {}
        contacts_index = lambda: reverse("contacts:index")  # noqa: E731
        for article_id, (release, language) in self.article_targets.items():
            self.add_address(
                query_key({"option": "com_content", "view": "article", "id": str(article_id)}),
                release.get_absolute_url,
                language,
                f"article {article_id}",
            )
            row_alias = self.article_alias(article_id)
            self.add_address(
                f"/component/content/article/{article_id}-{row_alias}",
                release.get_absolute_url,
                language,
                f"article {article_id}",
            )
        for category_id, (target, language) in self.category_targets.items():
            self.add_address(
                query_key({"option": "com_content", "view": "category", "id": str(category_id)}),
                target,
                language,
                f"category {category_id}",
            )
        for contact_id, (target, language) in self.contact_targets.items():
            self.add_address(
                query_key({"option": "com_contact", "view": "contact", "id": str(contact_id)}),
                target,
                language,
                f"contact {contact_id}",
            )
        self.add_address("index.php?option=com_contact", contacts_index, None, "contacts")
        self.add_menu_addresses(contacts_index)
        self.add_redirect_links()
        self.save_addresses()

    def article_alias(self, article_id):
        item = self._article_rows().get(article_id)
        return (item or {}).get("alias", "")

    def _article_rows(self):
        if not hasattr(self, "_articles_by_id"):
            self._articles_by_id = {
                row["id"]: row
                for row in self.source.rows("content", columns="id, alias, catid, language")
            }
        return self._articles_by_id

    def add_address(self, key, target, language, what):
        """`target` is a callable giving the path in the active language."""
        if not key or key in self.addresses:
            return
        with translation.override(language or self.default_language):
            self.addresses[key] = (target(), what)

    def add_menu_addresses(self, contacts_index):
        rows = self.source.rows(
            "menu", where="client_id = 0 AND published = 1 AND type = 'component'"
        )
        for number, row in enumerate(rows, start=1):
            self.progress("menu items", number, len(rows))
            params = {k: v[0] for k, v in parse_qs(urlsplit(row["link"]).query).items()}
            for prefix, language in self.menu_prefixes(row["language"]):
                self.add_menu_item(row, params, prefix, language, contacts_index)

    def menu_prefixes(self, lang_code):
        """("/ru", "ru") for a menu item in Russian, and ("", …) for a site
        that left the prefix out of its default language; every language's
        prefix for an item in all languages."""
        if lang_code and lang_code != "*":
            sef = self.sef_by_code.get(lang_code, lang_code.split("-")[0].lower())
            language = self.our_language(lang_code)
            return [(f"/{sef}", language), ("", language)]
        prefixes = [("", None)]
        for code, sef in self.sef_by_code.items():
            prefixes.append((f"/{sef}", self.our_language(code)))
        return prefixes

    def add_menu_item(self, row, params, prefix, language, contacts_index):
        path = f"{prefix}/{row['path']}".lower()
        option, view = params.get("option"), params.get("view")
        item_id = int(params["id"]) if str(params.get("id", "")).isdigit() else None
        target = None
        if option == "com_content" and view == "article" and item_id in self.article_targets:
            release, own = self.article_targets[item_id]
            target, language = release.get_absolute_url, own if own else language
        elif option == "com_content" and view == "category" and item_id in self.category_targets:
            target = self.category_targets[item_id][0]
            self.add_category_articles(path, item_id)
        elif option == "com_content" and view == "featured":
            target = lambda: reverse("home")  # noqa: E731
        elif option == "com_contact":
            target = contacts_index
            if view == "contact" and item_id in self.contact_targets:
                target = self.contact_targets[item_id][0]
            for contact_id, (office_url, _l) in self.contact_targets.items():
                alias = self.contact_alias(contact_id)
                self.add_address(
                    f"{path}/{contact_id}-{alias}", office_url, language, f"contact {contact_id}"
                )
        if target is None:
            if not prefix:
                self.report.unmapped(path, f"menu item {row['id']}: {row['link']}")
            return
        self.add_address(path, target, language, f"menu item {row['id']}")
        if not prefix:
            self.add_address(
                f"index.php?itemid={row['id']}", target, language, f"menu item {row['id']}"
            )

    def contact_alias(self, contact_id):
        if not hasattr(self, "_contact_aliases"):
            self._contact_aliases = {
                row["id"]: row["alias"]
                for row in self.source.rows("contact_details", columns="id, alias")
            }
        return self._contact_aliases.get(contact_id, "")

    def add_category_articles(self, menu_path, category_id):
        """/news/12-visit and /news/visits/12-visit (a subcategory), and the
        forms without the id (Joomla 4's routing without ids)."""
        base = self.categories[category_id]["path"] or ""
        for article_id, row in self._article_rows().items():
            if article_id not in self.article_targets:
                continue
            category = self.categories.get(row["catid"])
            if category is None:
                continue
            path = category["path"] or ""
            if path != base and not path.startswith(base + "/"):
                continue
            inner = path[len(base) :].strip("/")
            folder = f"{menu_path}/{inner}" if inner else menu_path
            release, language = self.article_targets[article_id]
            for last in (f"{article_id}-{row['alias']}", row["alias"]):
                self.add_address(
                    f"{folder}/{last}".lower(),
                    release.get_absolute_url,
                    language,
                    f"article {article_id}",
                )

    def add_redirect_links(self):
        """Joomla's own redirects: to the new page of their target when we
        know it, to an outside address as they are."""
        rows = self.source.rows("redirect_links", where="published = 1")
        for row in rows:
            old = key_of_url(row["old_url"] or "")
            new = row["new_url"] or ""
            if not old or old in self.addresses:
                continue
            known = self.addresses.get(key_of_url(new)) if new else None
            if known:
                self.addresses[old] = (known[0], f"redirect {row['id']}")
            elif new.startswith(("http://", "https://")):
                self.addresses[old] = (new[:500], f"redirect {row['id']}")
            else:
                self.report.unmapped(row["old_url"], f"redirect {row['id']} to {new or '(none)'}")

    def own_address(self, url):
        """`url` made relative when it is a full address of the old site
        (--old-site), so that it is read like the site's relative links."""
        parts = urlsplit(url.strip())
        for host, base in self.old_sites:
            inside = not base or parts.path == base or parts.path.startswith(base + "/")
            if parts.netloc.lower() == host and inside:
                path = parts.path[len(base) :] or "/"
                return urlunsplit(("", "", path, parts.query, parts.fragment))
        return url

    # --- links between articles: a second pass, once every article is in --------

    def rewrite_article_links(self):
        """Links to another page of the old site (any of its addresses) lead
        to its new page; to an article's release in the language of the text
        that links, when the release has it. A link to something not
        imported is left to the old-address table (made relative to the
        site's root, where that table answers) and reported."""
        joomla_ids = {}
        for article_id, (release, _language) in sorted(self.article_targets.items()):
            if (Release, release.pk) not in self.kept_here:
                joomla_ids.setdefault(release.pk, (release, article_id))
        for number, (release, article_id) in enumerate(joomla_ids.values(), start=1):
            self.progress("links", number, len(joomla_ids))
            changed = []
            for language in self.site_languages:
                column = language_column("body", language)
                body = getattr(release, column) or ""
                rewritten = content.rewrite_links(
                    body, lambda href, lang=language, row=article_id: self.new_href(href, lang, row)
                )
                if rewritten != body:
                    setattr(release, column, rewritten)
                    changed.append(column)
            if changed:
                self.save_rewritten(release, changed)

    def save_rewritten(self, release, columns):
        # The import wrote every language from Joomla: none of its
        # translations is out of date because its links were rewritten.
        release.translation_fingerprints = {}
        release.save(update_fields=columns)
        ImportedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Release), object_id=release.pk
        ).update(target_fingerprint=object_fingerprint(release))

    def new_href(self, href, language, article_id):
        """The new address for a link of article `article_id`, or None to keep it."""
        own = self.own_address(href)
        parts = urlsplit(own)
        if parts.scheme or parts.netloc or not (parts.path or parts.query):
            return None  # another site, mailto:, tel: or an anchor of the page
        path = parts.path if parts.path.startswith("/") else "/" + parts.path
        if self.is_our_page(path):
            return None  # rewritten by an earlier import
        key = key_of_url(own)
        target = self.address_target(key, language) if key else None
        if not key and path.rstrip("/") in ("", "/index.php"):
            with translation.override(language):
                target = reverse("home")  # the old home page
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if target:
            self.report.count("links", "rewritten")
            return target + fragment
        self.report.warn(
            "link not rewritten",
            f"{href[:200]} leads to nothing imported: left to the old addresses.",
            "content",
            article_id,
        )
        self.report.count("links", "not rewritten")
        if key.startswith("index.php?"):
            from_root = urlunsplit(("", "", "/index.php", parts.query, parts.fragment))
            return from_root if from_root != own else None
        return None

    def is_our_page(self, path):
        try:
            return resolve(path).url_name is not None
        except Resolver404:
            return False

    def address_target(self, key, language):
        """Where the old address `key` leads now: this import's addresses
        first, then those kept from earlier imports or made by hand."""
        found = self.addresses.get(key)
        if found is None:
            return (
                LegacyAddress.objects.filter(old_address=key[:500])
                .values_list("new_path", flat=True)
                .first()
            )
        new_path, what = found
        article = re.fullmatch(r"article (\d+)", what)
        if article and int(article.group(1)) in self.article_targets:
            release, _own = self.article_targets[int(article.group(1))]
            if getattr(release, language_column("title", language), ""):
                with translation.override(language):
                    return release.get_absolute_url()
        return new_path

    def save_addresses(self):
        existing = {a.old_address: a for a in LegacyAddress.objects.all()}
        for key, (new_path, what) in self.addresses.items():
            key = key[:500]
            address = existing.get(key)
            if address is None:
                LegacyAddress.objects.create(
                    old_address=key, new_path=new_path, description=what[:300]
                )
                self.report.count("old addresses", "created")
            elif not address.is_imported:
                self.report.count("old addresses", "kept")
            elif address.new_path != new_path:
                address.new_path, address.description = new_path, what[:300]
                address.save()
                self.report.count("old addresses", "updated")
            else:
                self.report.count("old addresses", "unchanged")
