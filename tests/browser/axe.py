"""axe-core (from npm, pinned in package.json) run inside Chromium.

The page must come from a context opened with bypass_csp=True: our CSP
rightly refuses the injected script, and the check must not weaken the CSP
the site sends.
"""

from dataclasses import dataclass

from .support import require_node_module

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass(frozen=True)
class KnownViolation:
    """A violation we accept: one rule, on elements matching one selector
    (the element itself or an ancestor), with the reason it cannot be fixed."""

    rule: str
    selector: str
    reason: str


# Third-party admin code we cannot change. Keep each entry as narrow as
# possible and remove it when the widget is fixed: the end of a test run lists
# the entries that no page needed any more.
ADMIN_KNOWN_VIOLATIONS = [
    KnownViolation(
        "aria-input-field-name",
        ".prose-editor [contenteditable=true]",
        "django-prose-editor 0.28 gives its contenteditable textbox no name; the admin's "
        "<label for> points at the hidden textarea the editor replaces.",
    ),
    KnownViolation(
        "aria-input-field-name",
        ".select2-container .select2-selection",
        "select2 4.0 (vendored by Django's admin for autocomplete_fields) names its combobox "
        "after the current choice, which is empty until one is made.",
    ),
    KnownViolation(
        "label",
        ".select2-container .select2-search__field",
        "select2 4.0's search box inside a multiple choice (topics) has no label.",
    ),
    KnownViolation(
        "list",
        ".select2-selection--multiple",
        "select2 4.0 renders the chosen items' list with non-<li> children.",
    ),
    *(
        KnownViolation(
            rule,
            ".inline-related.tabular td",
            "Django's tabular inlines name their inputs by column headers, not labels "
            "(Django ticket #36509, open).",
        )
        for rule in ("label", "select-name")
    ),
    KnownViolation(
        "label",
        ".form-row fieldset input[type=file]",
        "Django 6.1's admin names a file input by its fieldset's legend, not by a label.",
    ),
]

RUN_AXE = """
async ([tags, known]) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  const used = new Set();
  const violations = [];
  for (const violation of results.violations) {
    const nodes = violation.nodes.filter(node => {
      const element = document.querySelector(node.target[0]);
      const match = known.findIndex(([id, selector]) =>
        id === violation.id && element !== null && element.closest(selector) !== null);
      if (match >= 0) { used.add(match); return false; }
      return true;
    });
    if (nodes.length) violations.push({...violation, nodes});
  }
  return {violations, used: [...used]};
}
"""


def axe_violations(page, known=()):
    """Run axe on the page; return (violations left, indexes of the known violations seen)."""
    page.add_script_tag(path=str(require_node_module("axe-core/axe.min.js")))
    result = page.evaluate(RUN_AXE, [WCAG_TAGS, [(k.rule, k.selector) for k in known]])
    return result["violations"], set(result["used"])


def describe(violations):
    """A report a person can act on: rule, impact, help page, and the elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", " ")[:300])
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
