"""The improvement workshop and the action plan (I1)."""

from django.urls import URLPattern, path

from collegium.improvement.views import plan, workshop

ITEM_KINDS = "action", "milestone", "measure", "need"

urlpatterns: list[URLPattern] = [
    path("reviews/<id:review_pk>/", workshop.review_page, name="review"),
    path(
        "reviews/<id:review_pk>/workshop/schedule/",
        workshop.schedule_workshop,
        name="schedule-workshop",
    ),
    path(
        "reviews/<id:review_pk>/workshop/record/", workshop.record_workshop, name="record-workshop"
    ),
    path("reviews/<id:review_pk>/plan/start/", plan.start_plan, name="start-plan"),
    path("plans/", plan.plan_list, name="plans"),
    path("plans/<id:pk>/", plan.plan_page, name="plan"),
    path("plans/<id:pk>/build/", plan.build, name="build"),
    path("plans/<id:pk>/agree/", plan.change_status, {"to": "agree"}, name="agree-plan"),
    path("plans/<id:pk>/complete/", plan.change_status, {"to": "complete"}, name="complete-plan"),
    path(
        "plans/<id:pk>/actions/<id:item_pk>/milestones/new/",
        plan.add_milestone,
        name="add-milestone",
    ),
]

for kind in ("action", "measure", "need"):
    urlpatterns.append(
        path(f"plans/<id:pk>/{kind}s/new/", plan.add_item, {"kind": kind}, name=f"add-{kind}")
    )
for kind in ITEM_KINDS:
    urlpatterns += [
        path(
            f"plans/<id:pk>/{kind}s/<id:item_pk>/",
            plan.change_item,
            {"kind": kind},
            name=f"change-{kind}",
        ),
        path(
            f"plans/<id:pk>/{kind}s/<id:item_pk>/remove/",
            plan.remove_item,
            {"kind": kind},
            name=f"remove-{kind}",
        ),
    ]
