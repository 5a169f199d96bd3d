package cutoff.handler;

import cutoff.http.Http;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import cutoff.officeservice.Offices;
import cutoff.office.StaffCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /orgs/{orgId}/staff.csv}: an office's whole staff list as a download, the upload's columns
 * ({@link StaffCsv#COLUMNS}: topics and follow rules in one cell, {@code ;}-separated) then {@code status} and
 * {@code ownChoices}; UTF-8 with a byte-order mark, which spreadsheet programs need to read Chinese names.
 */
final class StaffExport {
    private StaffExport() {
    }

    static APIGatewayV2HTTPResponse csv(List<Offices.StaffView> staff) {
        // A BOM so that spreadsheet programs read the file as UTF-8 (Chinese names).
        StringBuilder csv = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(StaffCsv.COLUMNS);
        header.add("status");
        header.add("ownChoices");
        csv.append(StaffCsv.line(header));
        for (Offices.StaffView v : staff) {
            List<String> topics = new ArrayList<>(v.member().topics());
            topics.addAll(v.member().rules());
            csv.append(StaffCsv.line(List.of(v.member().email(), v.member().name(), v.member().department(), String.join(";", topics),
                    v.member().language(), String.join(";", v.member().leadTimes()), OfficeAnswers.status(v.status()),
                    String.join(";", v.ownChoices()))));
        }
        return Http.respond(200, "text/csv; charset=utf-8", csv.toString(), Map.of("Cache-Control", "no-store",
                "Content-Disposition", "attachment; filename=\"staff.csv\""));
    }
}
