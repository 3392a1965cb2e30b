"""The background task that works out contextual value added after a pupil file is stored."""

from django.tasks import task

from collegium.context import fitting


@task
def work_out_value_added(file_id: int) -> None:
    fitting.work_out(file_id)
