from django.contrib.auth import views as auth_views
from django.urls import include, path

from gonogo.web.api import pages as api_pages
from gonogo.web.assessments import views as assessments
from gonogo.web.audit import views as audit
from gonogo.web.comments import views as comments
from gonogo.web.decisions import views as decisions
from gonogo.web.evidence import views as evidence
from gonogo.web.orgs import views as orgs
from gonogo.web.people import profile, totp_views
from gonogo.web.people.views import LoginView, PasswordResetConfirmView

urlpatterns = [
    path("", orgs.index, name="portfolio"),
    path("api/", include("gonogo.web.api.urls")),
    path("tokens/", api_pages.tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", api_pages.revoke, name="api_token_revoke"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", LoginView.as_view(), name="login"),
    path("2fa/setup/", totp_views.setup, name="totp_setup"),
    path("2fa/verify/", totp_views.verify, name="totp_verify"),
    path("2fa/recovery/", totp_views.recovery_codes, name="totp_recovery"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("orgs/new/", orgs.organisation_create, name="organisation_create"),
    path("orgs/<int:pk>/", orgs.organisation, name="organisation"),
    path("orgs/<int:pk>/settings/", orgs.organisation_settings, name="organisation_settings"),
    path("orgs/<int:pk>/invite/", orgs.invite, name="invite"),
    path("orgs/<int:pk>/members/<int:member_pk>/", orgs.member_role, name="member_role"),
    path("invitations/<str:token>/", orgs.invitation_accept, name="invitation_accept"),
    path("orgs/<int:pk>/invitations/<int:invitation_pk>/revoke/", orgs.invitation_revoke, name="invitation_revoke"),
    path("profile/", profile.profile, name="profile"),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("orgs/<int:pk>/audit/", audit.log, name="audit_log"),
    path("orgs/<int:org_pk>/accounts/new/", assessments.account_create, name="account_create"),
    path("accounts/<int:pk>/", assessments.account, name="account"),
    path("accounts/<int:pk>/edit/", assessments.account_edit, name="account_edit"),
    path("accounts/<int:pk>/safeguards/", assessments.safeguard_add, name="safeguard_add"),
    path("accounts/<int:pk>/assessments/new/", assessments.assessment_start, name="assessment_start"),
    path("accounts/<int:pk>/assessments/import/", assessments.assessment_import, name="assessment_import"),
    path("assessments/<int:pk>/", assessments.assessment, name="assessment"),
    path("assessments/<int:pk>/steps/<slug:step>/", assessments.assessment_step, name="assessment_step"),
    path("assessments/<int:pk>/evaluate/", assessments.assessment_evaluate, name="assessment_evaluate"),
    path("assessments/<int:pk>/result/", assessments.assessment_result, name="assessment_result"),
    path("assessments/<int:pk>/assessment.<str:fmt>", assessments.export_document, name="export_document"),
    path("assessments/<int:pk>/result.json", assessments.export_result, name="export_result"),
    path("assessments/<int:pk>/action-plan.csv", assessments.export_actions, name="export_actions"),
    path("assessments/<int:pk>/report.pdf", assessments.export_pdf, name="export_pdf"),
    path("assessments/<int:pk>/report.html", assessments.export_report, name="export_report"),
    path("assessments/<int:pk>/submit/", decisions.submit, name="decision_submit"),
    path("assessments/<int:pk>/opinion/", decisions.opinion, name="decision_opinion"),
    path("assessments/<int:pk>/request-changes/", decisions.request_changes, name="decision_request_changes"),
    path("assessments/<int:pk>/sign/", decisions.sign, name="decision_sign"),
    path("assessments/<int:pk>/new-version/", decisions.new_version, name="decision_new_version"),
    path("actions/<int:pk>/", assessments.action_edit, name="action_edit"),
    path("accounts/<int:pk>/evidence/", evidence.evidence, name="evidence"),
    path("accounts/<int:pk>/evidence/upload/", evidence.upload, name="evidence_add"),
    path("evidence/<int:pk>/", evidence.upload_detail, name="evidence_upload"),
    path("evidence/<int:pk>/delete/", evidence.upload_delete, name="evidence_delete"),
    path("accounts/<int:pk>/comments/", comments.account_comments, name="comments"),
    path("accounts/<int:pk>/comments/upload/", comments.upload, name="comments_add"),
    path("comments/<int:pk>/", comments.upload_detail, name="comments_upload"),
    path("comments/<int:pk>/review/", comments.review, name="comments_review"),
    path("comments/<int:pk>/delete-texts/", comments.upload_delete_texts, name="comments_delete_texts"),
    path("comments/<int:pk>/delete/", comments.upload_delete, name="comments_delete"),
]

handler404 = "gonogo.web.errors.not_found"
handler403 = "gonogo.web.errors.permission_denied"
handler500 = "gonogo.web.errors.server_error"
