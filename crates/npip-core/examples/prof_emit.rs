fn main() {
    let text = npip_core::examples::example("firewall")
        .map(|e| e.text)
        .unwrap_or_default();
    let plan = npip_core::plan::read_plan(text).unwrap();
    let options = npip_core::emit::Options::default();
    let mut n = 0;
    for _ in 0..100 {
        n += npip_core::emit::artifacts(std::hint::black_box(&plan), &options)
            .unwrap()
            .len();
    }
    println!("{n}");
}
