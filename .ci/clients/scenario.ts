// The scenario every generated client runs, here with openapi-generator's typescript-fetch client used as
// generated: sign in, create a partner and an activity under measure 1.2 with it, publish the activity, find it
// in the year's report (JSON), and download the report as a Word document.
// Usage: node scenario.js BASE_URL ADMIN_PASSWORD
import {
    ActivitiesApi,
    AuthApi,
    Configuration,
    PartnersApi,
    ProgrammesApi,
    ReportsApi,
} from "./client/index";

function check(condition: boolean, what: string): void {
    if (!condition) {
        throw new Error(`FAIL: ${what}`);
    }
}

async function main(): Promise<void> {
    const [base, password] = process.argv.slice(2);
    const signIn = new AuthApi(new Configuration({ basePath: base }));
    const token = await signIn.issueToken({ grantType: "password", username: "admin", password });
    const config = new Configuration({ basePath: base, accessToken: token.accessToken });

    const name = `Вроцлав ${Date.now().toString(36)}`;
    const partner = await new PartnersApi(config).createPartner({
        partnerDraft: { name: { uk: name, en: name }, kind: "partner_city", country: "PL" },
    });
    const programmes = new ProgrammesApi(config);
    const programme = (await programmes.listProgrammes({ year: 2024 })).items[0];
    const measure = (await programmes.listMeasures({ code: "1.2" })).items[0];
    const title = `Робоча зустріч з делегацією міста ${name}`;
    const activities = new ActivitiesApi(config);
    const activity = await activities.createActivity({
        activityDraft: {
            title: { uk: title, en: `Working meeting with ${name}` },
            kind: "meeting",
            startDate: new Date("2024-11-05"),
            measureIds: new Set([measure.id]),
            partners: [{ partnerId: partner.id, role: "participant" }],
        },
    });
    const published = await activities.publishActivity({ id: activity.id });
    check(published.publication === "published", `the activity is published: ${published.publication}`);

    const reports = new ReportsApi(config);
    const report = await reports.getReport({ id: programme.id, year: 2024, format: "json" });
    check(JSON.stringify(report).includes(title), "the report lists the new activity");
    const word = await reports.getReportRaw({ id: programme.id, year: 2024, format: "docx" });
    const bytes = new Uint8Array(await word.raw.arrayBuffer());
    check(bytes.length > 10000 && bytes[0] === 0x50 && bytes[1] === 0x4b, "the Word report is a zip (docx)");
    console.log(`ok   typescript-fetch: signed in, created ${partner.id} and ${activity.id}, published, ` +
        `found it in the report, downloaded ${bytes.length} bytes of DOCX`);
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
