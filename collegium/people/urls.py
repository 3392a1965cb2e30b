from django.urls import path

from collegium.people.views import accreditation, invitations, public, record, roles, staff

app_name = "people"

urlpatterns = [
    path("", public.reviewers, name="reviewers"),
    path("<id:pk>/", public.profile, name="profile"),
    path("register/", record.register, name="register"),
    path("me/", record.my_record, name="my-record"),
    path("<id:pk>/record/", record.record, name="record"),
    path("<id:pk>/record/profile/", record.edit_profile, name="edit-profile"),
    path("<id:pk>/record/training/add/", record.add_training, name="add-training"),
    path("<id:pk>/record/weeks/", record.weeks, name="weeks"),
    path("<id:pk>/record/blackouts/add/", record.add_blackout, name="add-blackout"),
    path("<id:pk>/record/conflicts/add/", record.declare_conflict, name="declare-conflict"),
    path("<id:pk>/record/employment/add/", record.add_employment, name="add-employment"),
    path("<id:pk>/record/reviews/add/", record.add_past_review, name="add-past-review"),
    path(
        "<id:pk>/record/<slug:kind>/<id:item_pk>/remove/",
        record.remove_item,
        name="remove-item",
    ),
    path("<id:pk>/days/", staff.approve_days, name="approve-days"),
    path("<id:pk>/days/<id:approval_pk>/withdraw/", staff.withdraw_days, name="withdraw-days"),
    path("<id:pk>/days/network/", invitations.approve_days_unheaded, name="approve-days-unheaded"),
    path("invite/", invitations.invite_reviewer, name="invite-reviewer"),
    path(
        "clusters/<id:pk>/invitations/<id:membership_pk>/head/",
        invitations.invite_head,
        name="invite-head",
    ),
    path("head-invitations/<str:token>/", invitations.accept_head, name="accept-head"),
    path("staff/", staff.staff, name="staff"),
    path("accreditation/", accreditation.accreditation_list, name="accreditation"),
    path("accreditation/<id:pk>/grant/", accreditation.grant, name="grant-accreditation"),
    path("accreditation/<id:pk>/revoke/", accreditation.revoke, name="revoke-accreditation"),
    path("roles/", roles.roles, name="roles"),
    path("roles/add-person/", roles.add_person, name="add-person"),
    path("roles/<id:user_pk>/grant/", roles.grant_role, name="grant-role"),
    path("roles/grants/<id:pk>/revoke/", roles.revoke_role, name="revoke-role"),
]
