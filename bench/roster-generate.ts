/**
 * Generates an HR roster export shaped like tests/fixtures/roster-hr-export.csv: UTF-8 with a byte order
 * mark, CRLF line ends, the same eleven columns, quoted cells with commas, accented and non-Latin names,
 * about 16% contractors and vendors with end dates, and managers that often appear later in the file.
 * The same size and seed always give the same file.
 */
export function generateRoster(rows: number, seed = 42, today = new Date()): string {
  const random = mulberry32(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];

  const first = ["José", "Vera", "Dana", "Renée", "Hiro", "Łukasz", "Mikko", "Sofia", "Omar", "Hannah", "Ethan", "Priya", "Zoë", "Björn", "Ana", "Kwame", "Chloé", "Søren", "Nadia", "Ravi", "美咲", "Олег", "Fatima", "Noah"];
  const last = ["Rossi", "Sato", "Fischer", "Álvarez", "Singh", "Brown", "Andersson", "Meyer", "Nguyen", "Silva", "Martin", "Weber", "Müller", "Okafor", "Lefèvre", "Park", "O'Brien", "Hussein", "Khan", "Mensah"];
  const departments = ["Support Tier 1", "Site Reliability", "Platform", "Customer Success", "Compliance", "Security Operations", "Executive"];
  const titles = ["Support Engineer I", "Support Engineer II", "Site Reliability Engineer", "Senior Site Reliability Engineer", "Engineering Manager", "Support Lead", "Director, Customer Success", "GRC Manager", "SOC Analyst"];
  const locations = ["Berlin, DE", "Remote - EMEA", "São Paulo, BR", "Remote - AMER", "Tokyo, JP", "Austin, TX", "Dublin, IE", "Bengaluru, IN"];

  const emails: string[] = [];
  for (let i = 0; i < rows; i++) emails.push(`person.${i.toString(36)}.${seed}@corp.example`);

  const day = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = ["Employee ID,Legal Name,Preferred Name,Work Email,Job Title,Department,Manager Email,Worker Type,Hire Date,End Date,Location"];

  for (let i = 0; i < rows; i++) {
    const given = pick(first);
    const type = random() < 0.84 ? "Employee" : random() < 0.65 ? "Contractor" : "Vendor";
    const endDate = type === "Employee" ? "" : day(30 + Math.floor(random() * 200));
    // Managers are drawn from the whole file, so many reports come before their manager.
    const manager = i === 0 ? "" : emails[Math.floor(random() * rows)];
    lines.push(
      [
        `E${(200000 + i).toString()}`,
        `${given} ${pick(last)}`,
        random() < 0.4 ? given : "",
        emails[i],
        pick(titles),
        pick(departments),
        manager === emails[i] ? "" : manager,
        type,
        day(-Math.floor(random() * 4000)),
        endDate,
        pick(locations),
      ]
        .map(quote)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
