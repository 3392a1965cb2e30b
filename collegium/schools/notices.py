"""The register import's notification: the network admin who uploaded the files hears when the
import fails, as it runs in the background after they have left the page."""

from collegium import access
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.schools.models import ImportRun


def import_failed(run: ImportRun) -> None:
    starter = run.started_by  # None: a run of the import_schools command
    if starter is None or not access.can(starter, "school.edit"):
        return  # nobody else may open the run's page
    notify(
        [starter],
        "register-import-failed",
        subject="The register import failed: nothing was imported",
        context={"run": run},
        link=site_link("schools:import", run.pk),
    )
