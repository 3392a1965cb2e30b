"""The shipped term dates: England's usual pattern for 2026/27 and 2027/28.

These are the usual pattern (collegium/termdates/usual.py gives the same dates), not any one
local authority's: authorities' dates vary by a few days, and academies and voluntary-aided
schools may set their own, so a network admin should check them on the term dates page.
Easter 2027 is 28 March (an early Easter: the holiday follows it); Easter 2028 is 16 April (a
late one: the holiday straddles it).
"""

from datetime import date

from django.db import migrations

# academic year, season, first day, last day, half term's first and last days
USUAL_TERMS = [
    (2026, "autumn", date(2026, 9, 2), date(2026, 12, 18), date(2026, 10, 26), date(2026, 10, 30)),
    (2026, "spring", date(2027, 1, 4), date(2027, 3, 25), date(2027, 2, 15), date(2027, 2, 19)),
    (2026, "summer", date(2027, 4, 12), date(2027, 7, 22), date(2027, 5, 31), date(2027, 6, 4)),
    (2027, "autumn", date(2027, 9, 2), date(2027, 12, 17), date(2027, 10, 25), date(2027, 10, 29)),
    (2027, "spring", date(2028, 1, 4), date(2028, 4, 7), date(2028, 2, 14), date(2028, 2, 18)),
    (2027, "summer", date(2028, 4, 24), date(2028, 7, 21), date(2028, 5, 29), date(2028, 6, 2)),
]


def add_usual_terms(apps, schema_editor):
    SchoolTerm = apps.get_model("termdates", "SchoolTerm")
    for year, season, first, last, half_first, half_last in USUAL_TERMS:
        SchoolTerm.objects.get_or_create(
            academic_year=year,
            season=season,
            defaults={
                "first_day": first,
                "last_day": last,
                "half_term_first_day": half_first,
                "half_term_last_day": half_last,
            },
        )


def remove_usual_terms(apps, schema_editor):
    SchoolTerm = apps.get_model("termdates", "SchoolTerm")
    for year, season, *dates in USUAL_TERMS:
        SchoolTerm.objects.filter(academic_year=year, season=season).delete()


class Migration(migrations.Migration):
    dependencies = [("termdates", "0001_initial")]

    operations = [migrations.RunPython(add_usual_terms, remove_usual_terms)]
