"""The import's report: what was made, updated, left alone or skipped, each
warning with its Joomla row, the plugin tags removed and the old addresses
that lead nowhere. The same report for a real run and a dry run."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    joomla_version: str = ""
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)
    plugin_tags: Counter = field(default_factory=Counter)
    unmapped_addresses: list = field(default_factory=list)

    def count(self, what, outcome, number=1):
        """`outcome` is one of created, updated, unchanged, kept (edited
        here since the last import), skipped."""
        self.counts[f"{what} {outcome}"] += number

    def warn(self, kind, message, table="", joomla_id=None):
        self.warnings.append({"kind": kind, "table": table, "id": joomla_id, "message": message})

    def unmapped(self, address, what):
        self.unmapped_addresses.append({"address": address, "was": what})

    def as_dict(self):
        return {
            "joomla_version": self.joomla_version,
            "dry_run": self.dry_run,
            "counts": dict(sorted(self.counts.items())),
            "warnings_by_kind": dict(sorted(self.warnings_by_kind().items())),
            "warnings": self.warnings,
            "plugin_tags_removed": dict(self.plugin_tags.most_common()),
            "unmapped_addresses": self.unmapped_addresses,
        }

    def warnings_by_kind(self):
        return Counter(warning["kind"] for warning in self.warnings)

    def summary_lines(self):
        lines = [
            f"Joomla {self.joomla_version}" + (" (dry run: nothing saved)" if self.dry_run else "")
        ]
        lines += [f"  {name}: {number}" for name, number in sorted(self.counts.items())]
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines += [f"  {kind}: {n}" for kind, n in sorted(self.warnings_by_kind().items())]
            lines += [f"  - [{w['kind']}] {_row(w)}{w['message']}" for w in self.warnings]
        if self.plugin_tags:
            lines.append(
                "Plugin tags removed: "
                + ", ".join(f"{tag} ×{n}" for tag, n in self.plugin_tags.most_common())
            )
        if self.unmapped_addresses:
            lines.append(f"Old addresses that lead nowhere ({len(self.unmapped_addresses)}):")
            lines += [f"  {a['address']} ({a['was']})" for a in self.unmapped_addresses]
        return lines


def _row(warning):
    return f"#__{warning['table']} {warning['id']}: " if warning["table"] else ""
