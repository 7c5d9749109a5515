from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    """An activity's title in Polish and in English. The one title kept until now was entered as the English
    one (the demo registry's and the exchange format's), so it becomes `title_en`; `title_pl` starts empty."""

    dependencies = [
        ("programmes", "0010_activity_agency_activity_association_and_more"),
    ]

    operations = [
        migrations.RenameField("activity", "title", "title_en"),
        migrations.RenameField("historicalactivity", "title", "title_en"),
        migrations.AlterField(
            model_name="activity",
            name="title_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="title in English"),
        ),
        migrations.AlterField(
            model_name="historicalactivity",
            name="title_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="title in English"),
        ),
        migrations.AddField(
            model_name="activity",
            name="title_pl",
            field=models.CharField(blank=True, max_length=300, verbose_name="title in Polish"),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="title_pl",
            field=models.CharField(blank=True, max_length=300, verbose_name="title in Polish"),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=~Q(title_pl="") | ~Q(title_en=""),
                name="programmes_activity_has_a_title",
                violation_error_message="An activity has a title in Polish, in English or in both.",
            ),
        ),
    ]
