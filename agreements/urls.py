from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("<slug:slug>/fact-sheet.pdf", views.agreement_fact_sheet, name="fact_sheet"),
    path("<slug:slug>/draft.pdf", views.agreement_draft_text, name="draft_text"),
]
