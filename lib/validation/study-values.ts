/** Study phases, without zod (client components import these). */
export const STUDY_PHASES = ["phase_1", "phase_1_2", "phase_2", "phase_3", "post_marketing", "ltfu_only"] as const;
