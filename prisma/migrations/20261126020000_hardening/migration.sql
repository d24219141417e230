-- Sessions end everywhere when the user signs out or changes the password (lib/auth/session.ts).
ALTER TABLE "app_user" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Attempts refused by the throttle are recorded but counted neither as success nor failure.
ALTER TABLE "sign_in_attempt" ADD COLUMN "throttled" BOOLEAN NOT NULL DEFAULT false;
