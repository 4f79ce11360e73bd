// The demo events of `npm run seed`: a varied first look at the app. Times are
// relative to the moment of seeding (days from now, at a local-looking hour in UTC).

export interface DemoEvent {
  name: string;
  category: string;
  venue: string;
  description: string;
  inDays: number;
  atHourUtc: number;
  totalTickets: number;
  priceCents?: number;
  maxTicketsPerStudent?: number;
  /** Demo fans who book one ticket each (free events only: their tickets are confirmed at once). */
  booked?: number;
  /** Fans who join the waitlist once it is sold out. */
  waiting?: number;
  /** Sales open this many days from now (a sales window). */
  salesOpenInDays?: number;
}

export const demoCategories = ["Concert", "Sports", "Tech Fest", "Workshop", "Talk", "Party"];

export const demoEvents: DemoEvent[] = [
  { name: "Welcome Week Open-Air Concert", category: "Concert", venue: "Main Quad", inDays: 2, atHourUtc: 18, totalTickets: 300,
    booked: 14, description: "Four student bands, food trucks and a light show to open the term. Bring a blanket." },
  { name: "Poetry Slam at the Library", category: "Talk", venue: "Library Reading Room", inDays: 3, atHourUtc: 19, totalTickets: 12,
    booked: 10, description: "Five minutes, one microphone, no props. Sign up at the door to perform." },
  { name: "Comedy Night: Stand-up Society", category: "Party", venue: "Student Union Bar", inDays: 4, atHourUtc: 20, totalTickets: 6,
    booked: 6, waiting: 3, description: "The Stand-up Society's best ten minutes each, in the smallest room on campus." },
  { name: "Intro to Rust Workshop", category: "Workshop", venue: "Computer Lab 2", inDays: 5, atHourUtc: 14, totalTickets: 30,
    priceCents: 500, maxTicketsPerStudent: 1, description: "Ownership, borrowing and your first command-line tool. Laptops needed; snacks provided." },
  { name: "Inter-College Football Final", category: "Sports", venue: "North Field", inDays: 6, atHourUtc: 15, totalTickets: 500,
    priceCents: 800, maxTicketsPerStudent: 4, booked: 0, description: "Our first final in eleven years. Wear the colours." },
  { name: "Robotics Society Demo Day", category: "Tech Fest", venue: "Engineering Atrium", inDays: 7, atHourUtc: 11, totalTickets: 120,
    booked: 9, maxTicketsPerStudent: 2, description: "Line followers, a sumo ring and the drone that almost passed its safety review." },
  { name: "Yoga on the Lawn", category: "Sports", venue: "South Lawn", inDays: 8, atHourUtc: 8, totalTickets: 40,
    booked: 5, description: "An hour of gentle flow before lectures. Mats provided for the first twenty." },
  { name: "24-Hour Hackathon", category: "Tech Fest", venue: "Innovation Hub", inDays: 10, atHourUtc: 9, totalTickets: 80,
    booked: 11, description: "Teams of up to four, mentors all night, prizes for the best and the most useless hack." },
  { name: "Careers Talk: Life After College", category: "Talk", venue: "Lecture Theatre A", inDays: 12, atHourUtc: 17, totalTickets: 150,
    description: "Five graduates from five years ago on what they wish they had known." },
  { name: "Film Society: Midnight Screening", category: "Party", venue: "Campus Cinema", inDays: 13, atHourUtc: 23, totalTickets: 90,
    priceCents: 300, description: "A cult classic chosen by vote. Popcorn included in the price." },
  { name: "Chess Open", category: "Sports", venue: "Senior Common Room", inDays: 15, atHourUtc: 10, totalTickets: 32,
    booked: 4, description: "Swiss system, five rounds, all levels welcome." },
  { name: "Spring Ball", category: "Party", venue: "Great Hall", inDays: 24, atHourUtc: 19, totalTickets: 200,
    priceCents: 2500, maxTicketsPerStudent: 2, salesOpenInDays: 3,
    description: "Black tie optional, three-course dinner and a live band. Sales open three days after seeding." },
];
