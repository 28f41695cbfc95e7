"""An offline check against breached passwords in disguise.

Django's CommonPasswordValidator refuses the 20,000 most common passwords
of breached lists (Royce Williams' compilation, shipped with Django under
its BSD licence) exactly as typed. Attackers try them dressed up too:
"Password2024!", "Qwerty123456", "p@ssw0rd!!". This validator undoes the
usual dressing (case, common letter-for-symbol swaps, repeated or
surrounding digits and symbols) and refuses what is left if it is on
that same list. Nothing leaves the machine.
"""

import re
from functools import cache

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LEET = str.maketrans(
    {"@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"}
)
# Digits and symbols before or after the word: years, "123", "!!".
DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")
SHORTEST_WORD = 4


@cache
def common_passwords():
    return frozenset(CommonPasswordValidator().passwords)


def disguised_forms(password):
    """The password without its dressing, in the forms worth checking."""
    lowered = password.lower().strip()
    bare = DECORATION.sub("", lowered)
    forms = {lowered, bare, lowered.translate(LEET), DECORATION.sub("", lowered.translate(LEET))}
    for form in list(forms):
        # "passwordpassword": a common word said twice.
        half = len(form) // 2
        if len(form) % 2 == 0 and form[:half] == form[half:]:
            forms.add(form[:half])
    return {form for form in forms if len(form) >= SHORTEST_WORD}


class BreachedPasswordValidator:
    def validate(self, password, user=None):
        if disguised_forms(password) & common_passwords():
            raise ValidationError(
                _("This password is a common breached password with a few changes."),
                code="password_breached",
            )

    def get_help_text(self):
        return _("Your password can't be a common password with digits or symbols added.")
