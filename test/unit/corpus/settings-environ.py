import environ
import os

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ''),
)
environ.Env.read_env(os.path.join(BASE_DIR, '.env'))

SECRET_KEY = env('SECRET_KEY')
DEBUG = env('DEBUG')
DATABASES = {'default': env.db('DATABASE_URL', default='sqlite:///db.sqlite3')}
EMAIL_HOST_PASSWORD = env('EMAIL_HOST_PASSWORD', default='')
STRIPE_SECRET_KEY = env('STRIPE_SECRET_KEY', default='sk_test_0000')
