from django.core.management.base import BaseCommand

from bidra.network.seed import seed_agencies, seed_survey_year


class Command(BaseCommand):
    help = "Create a survey year of status descriptions, copying last year's questions when there are any."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year, **options):
        seed_agencies()
        survey = seed_survey_year(year)
        self.stdout.write(f"{survey}: {survey.questions.count()} questions.")
