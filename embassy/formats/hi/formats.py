# Django's Hindi formats give "फ़रवरी. 8, 2027, 9 बजे"; Indian usage is day,
# month, year and a 24-hour clock. "E" takes Django's "alt. month" names, the
# correctly spelled ones (its plain names misspell सितंबर, नवंबर, दिसंबर).
DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
