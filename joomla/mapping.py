"""What Joomla's categories become, read from a TOML file (`--map`).

    [defaults]
    kind = "press-release"   # the kind of a release whose category says nothing
    topic = true             # each category also becomes a topic of its own

    [categories.speeches]    # a category by its alias (or its id: [categories.12])
    kind = "speech"
    topic = false            # no topic for this one

    [categories.india-russia]
    topic = "india-and-russia"   # this topic's slug (made if missing)

    [contacts]
    kind = "embassy"         # the kind of the offices made of contacts

A category without a line of its own takes its parent's kind (nearest
first), then the default. The "Uncategorised" category gives no topic."""

import tomllib
from dataclasses import dataclass, field

from contacts.models import OfficeKind
from releases.models import ReleaseKind

NO_TOPIC_ALIASES = {"uncategorised", "uncategorized"}


class MappingError(Exception):
    pass


@dataclass
class CategoryRule:
    kind: str | None = None
    topic: bool | str | None = None


@dataclass
class Mapping:
    default_kind: str = ReleaseKind.PRESS_RELEASE
    default_topic: bool = True
    categories: dict = field(default_factory=dict)
    office_kind: str = OfficeKind.EMBASSY

    @classmethod
    def load(cls, path):
        if path is None:
            return cls()
        try:
            with open(path, "rb") as file:
                data = tomllib.load(file)
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise MappingError(f"Cannot read the mapping file {path}: {error}") from error
        defaults = data.get("defaults", {})
        mapping = cls(
            default_kind=_kind(defaults.get("kind", ReleaseKind.PRESS_RELEASE), "defaults"),
            default_topic=bool(defaults.get("topic", True)),
            office_kind=_office_kind(data.get("contacts", {}).get("kind", OfficeKind.EMBASSY)),
        )
        for key, rule in data.get("categories", {}).items():
            if not isinstance(rule, dict):
                raise MappingError(f"[categories.{key}] must be a table.")
            kind = _kind(rule["kind"], f"categories.{key}") if "kind" in rule else None
            mapping.categories[str(key).lower()] = CategoryRule(kind=kind, topic=rule.get("topic"))
        return mapping

    def rule_for(self, category):
        return self.categories.get(str(category["id"])) or self.categories.get(
            (category["alias"] or "").lower()
        )

    def kind_for(self, category, categories_by_id):
        """The nearest rule's kind, walking up the category tree."""
        seen = set()
        while category is not None and category["id"] not in seen:
            seen.add(category["id"])
            rule = self.rule_for(category)
            if rule and rule.kind:
                return rule.kind
            category = categories_by_id.get(category["parent_id"])
        return self.default_kind

    def topic_for(self, category):
        """False for no topic, True for the category's own, or a topic slug."""
        rule = self.rule_for(category)
        if rule and rule.topic is not None:
            return rule.topic
        if (category["alias"] or "").lower() in NO_TOPIC_ALIASES:
            return False
        return self.default_topic


def _kind(value, where):
    if value not in ReleaseKind.values:
        raise MappingError(
            f"[{where}] kind {value!r} is not one of: {', '.join(ReleaseKind.values)}."
        )
    return value


def _office_kind(value):
    if value not in OfficeKind.values:
        raise MappingError(
            f"[contacts] kind {value!r} is not one of: {', '.join(OfficeKind.values)}."
        )
    return value
