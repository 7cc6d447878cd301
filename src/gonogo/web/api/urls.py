from django.urls import path

from gonogo.web.api import views
from gonogo.web.comments import api as comments
from gonogo.web.evidence import api as evidence

urlpatterns = [
    path("openapi.json", views.openapi, name="api_openapi"),
    path("organisations/", views.organisations, name="api_organisations"),
    path("organisations/<int:pk>/", views.organisation, name="api_organisation"),
    path("organisations/<int:pk>/accounts/", views.organisation_accounts, name="api_organisation_accounts"),
    path("accounts/<int:pk>/", views.account, name="api_account"),
    path("accounts/<int:pk>/assessments/", views.account_assessments, name="api_account_assessments"),
    path("accounts/<int:pk>/safeguards/", views.account_safeguards, name="api_account_safeguards"),
    path("accounts/<int:pk>/evidence/", evidence.account_evidence, name="api_account_evidence"),
    path("evidence/<int:pk>/", evidence.evidence_upload, name="api_evidence_upload"),
    path("accounts/<int:pk>/comments/", comments.account_comments, name="api_account_comments"),
    path("comments/<int:pk>/", comments.comments_upload, name="api_comments_upload"),
    path("comments/<int:pk>/review-queue/", comments.comments_queue, name="api_comments_queue"),
    path("comments/<int:pk>/comments/", comments.comments_list, name="api_comments_list"),
    path("assessments/<int:pk>/", views.assessment, name="api_assessment"),
    path("assessments/<int:pk>/evaluate/", views.assessment_evaluate, name="api_assessment_evaluate"),
    path("assessments/<int:pk>/result/", views.assessment_result, name="api_assessment_result"),
    path("assessments/<int:pk>/decision/", views.assessment_decision, name="api_assessment_decision"),
    path("assessments/<int:pk>/decision/submit/", views.decision_submit, name="api_decision_submit"),
    path("assessments/<int:pk>/decision/opinion/", views.decision_opinion, name="api_decision_opinion"),
    path(
        "assessments/<int:pk>/decision/request-changes/",
        views.decision_request_changes,
        name="api_decision_request_changes",
    ),
    path("assessments/<int:pk>/decision/sign/", views.decision_sign, name="api_decision_sign"),
    path("actions/<int:pk>/", views.action, name="api_action"),
]
