import django.db.models.deletion
from django.db import migrations, models

BATCH = 500


def add_default_synonyms(apps, schema_editor):
    from wagtail_feedback.similarity.defaults import DEFAULT_SYNONYMS

    SynonymSet = apps.get_model("wagtail_feedback", "SynonymSet")
    if not SynonymSet.objects.exists():
        SynonymSet.objects.bulk_create([SynonymSet(terms="\n".join(terms)) for terms in DEFAULT_SYNONYMS])


def index_existing_requests(apps, schema_editor):
    """Index the requests a site already has, so an upgraded site finds them at once."""
    from wagtail_feedback.rules.similarity import document
    from wagtail_feedback.similarity.models import TITLE_SIZE_GRAM

    FeatureRequest = apps.get_model("wagtail_feedback", "FeatureRequest")
    RequestGram = apps.get_model("wagtail_feedback", "RequestGram")
    last = 0
    while batch := list(FeatureRequest.objects.filter(pk__gt=last).order_by("pk")[:BATCH]):
        rows = []
        for request in batch:
            doc = document(request.title, request.description)
            rows.append(RequestGram(request_id=request.pk, gram=TITLE_SIZE_GRAM, weight=doc.title_grams))
            rows.extend(RequestGram(request_id=request.pk, gram=g, weight=w) for g, w in doc.weights.items())
        RequestGram.objects.bulk_create(rows, batch_size=5000)
        last = batch[-1].pk


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_feedback', '0002_status_settings'),
    ]

    operations = [
        migrations.CreateModel(
            name='SynonymSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.TextField(help_text='One term per line (or separated by commas): words or short phrases that mean the same, in any language. For example: エクスポート, export, 書き出し.', verbose_name='equivalent terms')),
            ],
            options={
                'verbose_name': 'synonym set',
                'verbose_name_plural': 'synonym sets',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='RequestEmbedding',
            fields=[
                ('request', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='wagtail_feedback.featurerequest')),
                ('model', models.CharField(max_length=200)),
                ('vector', models.BinaryField()),
                ('text_hash', models.CharField(max_length=40)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'similarity embedding',
                'verbose_name_plural': 'similarity embeddings',
                'indexes': [models.Index(fields=['model', 'updated_at'], name='wf_embedding_model')],
            },
        ),
        migrations.CreateModel(
            name='RequestGram',
            fields=[
                ('pk', models.CompositePrimaryKey('request', 'gram', blank=True, editable=False, primary_key=True, serialize=False)),
                ('gram', models.CharField(blank=True, max_length=8)),
                ('weight', models.PositiveSmallIntegerField()),
                ('request', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtail_feedback.featurerequest')),
            ],
            options={
                'verbose_name': 'similarity index gram',
                'verbose_name_plural': 'similarity index grams',
                'indexes': [models.Index(fields=['gram', 'request', 'weight'], name='wf_gram_lookup')],
            },
        ),
        migrations.RunPython(add_default_synonyms, migrations.RunPython.noop),
        migrations.RunPython(index_existing_requests, migrations.RunPython.noop),
    ]
