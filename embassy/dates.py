"""Behaviour shared by models with a `start_date` and an optional `end_date`
(events, closures): one day when the end is empty."""


class DateRangeMixin:
    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def is_multi_day(self):
        return self.end_date is not None and self.end_date != self.start_date

    def covers(self, day):
        return self.start_date <= day <= self.last_date
