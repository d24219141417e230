import { printJson, readJsonInput } from "@/lib/cli/read-json-input";
import { buildSchedule } from "@/lib/schedule/build-schedule";
import { ZScheduleInput } from "@/lib/validation/schedule";

// npm run --silent ltfu-schedule -- INPUT.json | -   (SCHEDULE-CONTRACT.md)
printJson(buildSchedule(readJsonInput(ZScheduleInput)));
