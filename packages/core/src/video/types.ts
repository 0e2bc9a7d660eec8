/** The attendance statuses video presence can produce (staff record the absences). */
export type AttendanceStatusCode = 'present' | 'late' | 'left_early';
