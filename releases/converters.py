"""Fixed-width date parts, so each release has exactly one address
(/releases/2018/02/10/..., never /releases/2018/2/10/...)."""


class FourDigitYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        year = int(value)
        if year < 1:
            # Python's dates start at year 1; ValueError makes the URL not match (404).
            raise ValueError("There is no year 0.")
        return year

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigitConverter:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"
