"""Write a synthetic pupil file (generated pupils with known school effects, not real ones) for
one school or for the demo's schools of a measure, to upload on the pupil file pages.

    manage.py synthetic_pupil_file --school 100000 [--measure ks2_scaled_score] > pupils.csv
    manage.py synthetic_pupil_file --measure ks4_attainment_8 > network.csv
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from collegium.context.demo import FILES, demo_schools
from collegium.context.models import Measure
from collegium.context.synthetic import pupil_file_text
from collegium.schools.models import School


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", type=int, help="One school's file (its URN)")
        parser.add_argument("--measure", choices=Measure.values, default=None)
        parser.add_argument("--pupils", type=int, default=None, help="Pupils per school")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        urns, measure, pupils = self._schools(options)
        synthetic = pupil_file_text(
            urns,
            measure=measure,
            pupils_per_school=pupils,
            seed=options["seed"],
            with_urn=options["school"] is None,
        )
        self.stdout.write(synthetic.text, ending="")

    def _schools(self, options: dict[str, Any]) -> tuple[list[int], str, int]:
        if options["school"] is not None:
            school = School.objects.filter(urn=options["school"]).first()
            if school is None:
                raise CommandError(f"No school with URN {options['school']} in the register")
            ks4 = school.phase in FILES[0][1]
            measure = options["measure"] or FILES[0 if ks4 else 1][0]
            return [school.urn], measure, options["pupils"] or (120 if ks4 else 30)
        measure = options["measure"] or Measure.KS4_ATTAINMENT_8
        _, phases, pupils, _ = next(row for row in FILES if row[0] == measure)
        return demo_schools(phases), measure, options["pupils"] or pupils
