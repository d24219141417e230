import { describe, expect, it } from "vitest";
import { listVisitActivities } from "@/lib/schedule/visit-activities";

// A plan version as stored: unknown fields (citation, label) are kept, unlike a ZPlan parse.
const storedPlan = {
  ruleSet: "CDE-2021",
  durationMonths: 180,
  visits: [
    { id: "M06", activities: [{ kind: "integration_monitoring", sampleType: "peripheral_blood", citation: "CDE §2.4.1" }] },
    {
      id: "M18",
      activities: [
        { kind: "persistence_sampling", sampleType: "peripheral_blood", citation: "CDE §2.3.2" },
        { kind: "integration_monitoring", sampleType: "peripheral_blood", citation: "CDE §2.4.1" },
        { kind: "persistence_sampling", sampleType: "bone_marrow", label: "optional marrow" },
      ],
    },
  ],
};

describe("listVisitActivities", () => {
  it("returns the visit's activities with the extras the plan carried, sorted by kind like the schedule", () => {
    expect(listVisitActivities(storedPlan, "M18")).toEqual([
      { kind: "integration_monitoring", sampleType: "peripheral_blood", citation: "CDE §2.4.1" },
      { kind: "persistence_sampling", sampleType: "peripheral_blood", citation: "CDE §2.3.2" },
      { kind: "persistence_sampling", sampleType: "bone_marrow", label: "optional marrow" },
    ]);
  });

  it("is undefined for a visit the plan does not have, and leaves the plan untouched", () => {
    const before = JSON.stringify(storedPlan);
    expect(listVisitActivities(storedPlan, "M24")).toBeUndefined();
    listVisitActivities(storedPlan, "M18");
    expect(JSON.stringify(storedPlan)).toBe(before);
  });
});
